import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons.tsx';
import { MAX_PHOTOS, photoToDataUrl } from './photos.ts';

/** Take or choose photos (resized to ≤ 1280 px JPEG on the device), remove them, pick the cover. */
export function PhotoPicker({ images, onChange }: { images: string[]; onChange: (images: string[]) => void }) {
  const { t } = useTranslation('inventory');
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function add(files: FileList | null) {
    if (!files || files.length === 0) return;
    setBusy(true);
    setError(null);
    const room = MAX_PHOTOS - images.length;
    const added: string[] = [];
    for (const file of [...files].slice(0, Math.max(0, room))) {
      try {
        added.push(await photoToDataUrl(file));
      } catch {
        setError(t('photosFailed'));
      }
    }
    if (files.length > room) setError(t('photosMax', { max: MAX_PHOTOS }));
    onChange([...images, ...added]);
    setBusy(false);
  }

  return (
    <fieldset className="photo-picker">
      <legend className="field-label">{t('photos')} ({images.length}/{MAX_PHOTOS})</legend>
      {images.length > 0 ? (
        <ul className="photo-grid">
          {images.map((src, i) => (
            <li key={`${i}-${src.slice(-16)}`} className="photo-item">
              <img src={src} alt={t('photoN', { n: i + 1 })} />
              {i === 0 ? <span className="badge badge-brand photo-cover">{t('cover')}</span> : null}
              <div className="photo-actions">
                {i > 0 ? (
                  <button type="button" className="btn btn-sm" onClick={() => onChange([src, ...images.filter((_, j) => j !== i)])}>
                    {t('makeCover')}
                  </button>
                ) : null}
                <button type="button" className="btn btn-sm btn-icon" aria-label={t('removePhoto', { n: i + 1 })} onClick={() => onChange(images.filter((_, j) => j !== i))}>
                  <Icon name="trash" />
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="row">
        <input id={`${id}-camera`} className="visually-hidden file-input" type="file" accept="image/*" capture="environment" disabled={busy} onChange={(e) => { void add(e.target.files); e.target.value = ''; }} />
        <label className="btn" htmlFor={`${id}-camera`}>
          <Icon name="camera" />
          {t('takePhoto')}
        </label>
        <input id={`${id}-files`} className="visually-hidden file-input" type="file" accept="image/*" multiple disabled={busy} onChange={(e) => { void add(e.target.files); e.target.value = ''; }} data-testid="photo-input" />
        <label className="btn" htmlFor={`${id}-files`}>
          <Icon name="image" />
          {t('choosePhotos')}
        </label>
        {busy ? <span className="row muted" role="status"><span className="spinner" aria-hidden="true" />{t('processingPhotos')}</span> : null}
      </div>
      {error ? <p className="field-error" role="alert">{error}</p> : null}
    </fieldset>
  );
}
