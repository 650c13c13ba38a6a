import { invalidParameter, type CompletedPart } from "@cairn/core";

/** S3's bounds, applied by every store so a client sees the same rules whatever the backend. */
export const MAX_PARTS = 10_000;

/** Refuses a part count outside 1..10,000. */
export function checkNumParts(numParts: number): void {
  if (!Number.isInteger(numParts) || numParts < 1 || numParts > MAX_PARTS) {
    throw invalidParameter(`Invalid num_parts ${numParts}: a multipart upload has between 1 and ${MAX_PARTS} parts.`);
  }
}

/** Refuses a part number outside 1..10,000. */
export function checkPartNumber(partNumber: number): void {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PARTS) {
    throw invalidParameter(`Invalid part_number ${partNumber}: part numbers run from 1 to ${MAX_PARTS}.`);
  }
}

/** Checks the parts named in a completion and returns them in part-number order. */
export function sortCompletedParts(parts: CompletedPart[]): CompletedPart[] {
  if (parts.length === 0) throw invalidParameter("Cannot complete a multipart upload with no parts: list every part that was uploaded.");
  const sorted = [...parts].sort((a, b) => a.part_number - b.part_number);
  sorted.forEach((part, i) => {
    checkPartNumber(part.part_number);
    if (i > 0 && sorted[i - 1]?.part_number === part.part_number) {
      throw invalidParameter(`Part ${part.part_number} is listed twice: list each part once, with the ETag its upload returned.`);
    }
    if (typeof part.etag !== "string" || unquoteEtag(part.etag) === "") {
      throw invalidParameter(`Part ${part.part_number} has no ETag: send the ETag its upload returned.`);
    }
  });
  return sorted;
}

/** An ETag without its quotes; S3 ignores them when comparing, and so does Cairn. */
export function unquoteEtag(etag: string): string {
  return etag.replaceAll('"', "");
}
