import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons.tsx';
import { createVinDetector, vinFromBarcode } from './scanner.ts';

const SCAN_INTERVAL_MS = 250;

/** Live camera preview that reports the first VIN it reads. Stops the camera when unmounted. */
export function VinScanner({ onVin }: { onVin: (vin: string) => void }) {
  const { t } = useTranslation('inventory');
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const done = useRef(false);
  const onVinRef = useRef(onVin);
  onVinRef.current = onVin;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    (async () => {
      const detector = await createVinDetector();
      if (!detector) throw new Error('unsupported');
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      if (stopped || !video.current) return;
      video.current.srcObject = stream;
      await video.current.play();
      const tick = async () => {
        if (stopped || done.current || !video.current) return;
        const codes = await detector.detect(video.current).catch(() => []);
        for (const c of codes) {
          const vin = vinFromBarcode(c.rawValue);
          if (vin) {
            done.current = true;
            onVinRef.current(vin);
            return;
          }
        }
        timer = setTimeout(() => void tick(), SCAN_INTERVAL_MS);
      };
      void tick();
    })().catch((err: unknown) => {
      const name = err instanceof DOMException ? err.name : '';
      setError(name === 'NotAllowedError' ? 'scan.denied' : name === 'NotFoundError' ? 'scan.noCamera' : 'scan.failed');
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return (
    <div className="scanner">
      {error ? (
        <p className="alert alert-danger" role="alert"><Icon name="alert" /><span>{t(error)}</span></p>
      ) : (
        <>
          <video ref={video} className="scanner-video" muted playsInline aria-label={t('scan.preview')} />
          <p className="muted" role="status">{t('scan.hint')}</p>
        </>
      )}
    </div>
  );
}
