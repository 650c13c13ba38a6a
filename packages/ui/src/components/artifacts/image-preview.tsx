import { useEffect, useState } from "react";

/** An image artifact inline, from bytes already fetched; typed by its file name, as the proxy may send bytes untyped. */
export function ImagePreview({ blob, type, name }: { blob: Blob; type: string; name: string }) {
  const [src, setSrc] = useState<string>();
  const [broken, setBroken] = useState(false);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([blob], { type }));
    setSrc(url);
    setBroken(false);
    return () => URL.revokeObjectURL(url);
  }, [blob, type]);
  if (broken) return <p className="preview-note">This file could not be displayed as an image.</p>;
  return src ? <img className="artifact-image" src={src} alt={name} onError={() => setBroken(true)} /> : null;
}
