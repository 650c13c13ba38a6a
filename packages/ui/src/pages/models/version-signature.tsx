import { useQuery } from "@tanstack/react-query";
import { isCairnError } from "@cairn/core";
import { cairn } from "../../api/client";
import { QueryState } from "../../components/page-state";
import { parseMlModel, type MlModel } from "../../mlmodel/parse-mlmodel";
import { SignatureView } from "../../mlmodel/signature-view";

/** The version's MLmodel file, parsed; null when the model directory has none. */
async function readMlModel(modelUri: string): Promise<MlModel | null> {
  let response: Response;
  try {
    response = await cairn.artifacts.getFile(modelUri, "MLmodel");
  } catch (error) {
    // A directory without MLmodel is a normal answer here (files saved by hand), not a failure.
    if (isCairnError(error) && error.code === "RESOURCE_DOES_NOT_EXIST") return null;
    throw error;
  }
  return parseMlModel(await response.text());
}

/** The flavors and signature from the MLmodel file in the version's model directory, or why there are none. */
export function VersionSignature({ modelUri, source }: { modelUri: string | undefined; source: string }) {
  const mlmodel = useQuery({ queryKey: ["models-mlmodel", modelUri], queryFn: () => readMlModel(modelUri!), enabled: modelUri !== undefined, staleTime: 60_000 });
  if (modelUri === undefined) {
    return (
      <p className="empty">
        The files at <code>{source}</code> are outside this server's artifact store, so their MLmodel cannot be read here.
      </p>
    );
  }
  return (
    <QueryState query={mlmodel} what="the MLmodel file">
      {(model) =>
        model ? (
          <SignatureView model={model} />
        ) : (
          <p className="empty">
            No MLmodel file in <code>{modelUri}</code>: this version has no recorded flavors or signature.
          </p>
        )
      }
    </QueryState>
  );
}
