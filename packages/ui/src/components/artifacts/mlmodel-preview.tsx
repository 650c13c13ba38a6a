import { parseMlModel, type MlModel } from "../../mlmodel/parse-mlmodel";
import { SignatureView } from "../../mlmodel/signature-view";
import { ErrorPanel } from "../page-state";
import { TextPreview } from "./text-preview";

/** An MLmodel file: flavors and signature, then the YAML as written. */
export function MlModelPreview({ text, name }: { text: string; name: string }) {
  let model: MlModel | undefined;
  let failure: unknown;
  try {
    model = parseMlModel(text);
  } catch (error) {
    failure = error;
  }
  return (
    <>
      {model ? <SignatureView model={model} /> : <ErrorPanel error={failure} title="Could not read this MLmodel file" />}
      <h4>MLmodel (YAML)</h4>
      <TextPreview text={text} name={name} />
    </>
  );
}
