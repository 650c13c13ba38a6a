/** A text file's contents, scrollable and reachable by keyboard. */
export function TextPreview({ text, name }: { text: string; name: string }) {
  if (text === "") return <p className="empty">This file is empty.</p>;
  return (
    <pre className="artifact-text" tabIndex={0} aria-label={`Contents of ${name}`}>
      {text}
    </pre>
  );
}
