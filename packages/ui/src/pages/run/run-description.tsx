import Markdown from "react-markdown";

/** The run's note (MLflow's description, Markdown); raw HTML in it is not rendered. */
export function RunDescription({ note }: { note: string }) {
  return (
    <section aria-labelledby="run-description" className="run-description">
      <h2 id="run-description">Description</h2>
      <Markdown>{note}</Markdown>
    </section>
  );
}
