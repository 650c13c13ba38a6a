import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createBrowserRouter } from "react-router";
// The DOM build of RouterProvider carries ReactDOM.flushSync, which `flushSync` navigations need.
import { RouterProvider } from "react-router/dom";
import { SessionProvider } from "./auth/session-context";
import { routes } from "./routes";

// Lists go stale quickly (runs finish, versions are registered): refetch on focus, but do not
// hammer the server with retries when it answered with a clear error.
const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 5_000, retry: 1, refetchOnWindowFocus: true } },
});
const router = createBrowserRouter(routes);

/** The web UI: data cache, the signed-in session and client-side routes. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </QueryClientProvider>
  );
}
