/** Browses the files under an artifact URI (a run's artifact_uri, or a model version's source) with previews (being built). */
export function ArtifactBrowser({ artifactUri }: { artifactUri: string }) {
  return <p className="mono">{artifactUri}</p>;
}
