import { TextPreview } from "./text-preview";

/** A JSON file pretty-printed; text that is not JSON is shown as it is, with the parser's reason. */
export function JsonPreview({ text, name }: { text: string; name: string }) {
  let pretty: string;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch (error) {
    return (
      <>
        <p className="preview-note">Not valid JSON ({(error as Error).message}); shown as text.</p>
        <TextPreview text={text} name={name} />
      </>
    );
  }
  return <TextPreview text={pretty} name={name} />;
}
