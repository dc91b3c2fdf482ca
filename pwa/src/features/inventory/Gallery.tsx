import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons.tsx';

/** Main photo with thumbnails (buttons) to switch; swipeable strip on touch screens. */
export function Gallery({ images, title }: { images: readonly string[]; title: string }) {
  const { t } = useTranslation('inventory');
  const [index, setIndex] = useState(0);
  const [failed, setFailed] = useState<ReadonlySet<string>>(new Set());
  const current = images[Math.min(index, images.length - 1)];
  if (!current || failed.has(current)) {
    return (
      <div className="gallery">
        <div className="gallery-main photo-placeholder" role="img" aria-label={t('noPhotos')}>
          <Icon name="image" />
        </div>
      </div>
    );
  }
  return (
    <div className="gallery">
      <img
        className="gallery-main"
        src={current}
        alt={t('photoAlt', { title, n: index + 1, total: images.length })}
        onError={() => setFailed((prev) => new Set(prev).add(current))}
      />
      {images.length > 1 ? (
        <div className="gallery-thumbs" role="group" aria-label={t('photos')}>
          {images.map((src, i) => (
            <button
              type="button"
              key={`${i}-${src.slice(-24)}`}
              className="gallery-thumb"
              aria-label={t('showPhoto', { n: i + 1 })}
              aria-pressed={i === index}
              onClick={() => setIndex(i)}
            >
              <img src={src} alt="" loading="lazy" decoding="async" />
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
