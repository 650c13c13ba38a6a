/** A repository URL as a link when the browser can open it (http/https), as code otherwise (git@host:...). */
export function RepoLink({ url }: { url: string }) {
  if (/^https?:\/\//i.test(url)) {
    return (
      <a className="mono" href={url} rel="noreferrer noopener" target="_blank">
        {url}
      </a>
    );
  }
  return <code>{url}</code>;
}
