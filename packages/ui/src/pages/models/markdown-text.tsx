import Markdown from "react-markdown";

/**
 * A description written in Markdown. Raw HTML in it is shown as text, never rendered (no
 * rehype-raw), and react-markdown drops javascript: links: descriptions are written by anyone
 * with edit rights and read by everyone.
 */
export function MarkdownText({ text, empty }: { text: string | undefined; empty: string }) {
  if (!text || text.trim() === "") return <p className="empty">{empty}</p>;
  return (
    <div className="markdown">
      <Markdown>{text}</Markdown>
    </div>
  );
}
