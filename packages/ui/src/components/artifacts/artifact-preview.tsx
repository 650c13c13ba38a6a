import { useId } from "react";
import { formatBytes } from "../../format";
import { QueryState } from "../page-state";
import { artifactFileUrl, baseName } from "./artifact-url";
import { DelimitedPreview } from "./delimited-preview";
import { ImagePreview } from "./image-preview";
import { JsonPreview } from "./json-preview";
import { MlModelPreview } from "./mlmodel-preview";
import { imageTypeOf, PREVIEW_LIMIT_BYTES, previewKindOf, type PreviewKind } from "./preview-kind";
import { TextPreview } from "./text-preview";
import { useArtifactFile } from "./use-artifacts";

/** One file of an artifact URI: its path, size and download link, and a preview when its type and size allow one. */
export function ArtifactPreview({ artifactUri, path, size }: { artifactUri: string; path: string; size?: number }) {
  const titleId = useId();
  const kind = previewKindOf(path);
  const name = baseName(path);
  const tooLarge = size !== undefined && size > PREVIEW_LIMIT_BYTES;
  return (
    <section className="artifact-preview" aria-labelledby={titleId}>
      <div className="artifact-preview-header">
        <h3 id={titleId} className="mono">
          {path}
        </h3>
        {size !== undefined ? <span className="muted">{formatBytes(size)}</span> : null}
        <a href={artifactFileUrl(artifactUri, path)} download={name}>
          Download<span className="visually-hidden"> {name}</span>
        </a>
      </div>
      {kind === "binary" ? (
        <p className="preview-note">No preview for this file type: download it to open it.</p>
      ) : tooLarge ? (
        <TooLarge size={size} />
      ) : (
        <FetchedPreview artifactUri={artifactUri} path={path} kind={kind} />
      )}
    </section>
  );
}

function TooLarge({ size }: { size: number }) {
  return (
    <p className="preview-note">
      Too large to preview ({formatBytes(size)}; previews stop at {formatBytes(PREVIEW_LIMIT_BYTES)}): download it to open it.
    </p>
  );
}

function FetchedPreview({ artifactUri, path, kind }: { artifactUri: string; path: string; kind: Exclude<PreviewKind, "binary"> }) {
  const query = useArtifactFile(artifactUri, path, kind === "image" ? "blob" : "text");
  const name = baseName(path);
  return (
    <QueryState query={query} what={name}>
      {(file) => {
        if (file.kind === "too-large") return <TooLarge size={file.size} />;
        if (file.kind === "blob") return <ImagePreview blob={file.blob} type={imageTypeOf(path)} name={name} />;
        const { text } = file;
        switch (kind) {
          case "json":
            return <JsonPreview text={text} name={name} />;
          case "csv":
            return <DelimitedPreview text={text} delimiter="," name={name} />;
          case "tsv":
            return <DelimitedPreview text={text} delimiter={"\t"} name={name} />;
          case "mlmodel":
            return <MlModelPreview text={text} name={name} />;
          default:
            return <TextPreview text={text} name={name} />;
        }
      }}
    </QueryState>
  );
}
