/**
 * How a front end uses the client; type-checked with the rest (`npm run check`), so a change of
 * the API that breaks this code breaks the client's build. The `@ts-expect-error` lines must stay
 * errors: they prove the types refuse what the API refuses.
 */
import { createCocreateClient, type Idea } from "./index.ts";

export async function submitAndSupport(token: string, challengeId: string): Promise<Idea | undefined> {
  const api = createCocreateClient({ baseUrl: "http://127.0.0.1:3000", token: () => token });

  const submitted = await api.POST("/challenges/{challengeId}/ideas", {
    params: { path: { challengeId } },
    body: { title: "Refill stations in stores", tags: [] },
  });
  if (submitted.error) {
    console.warn(submitted.error.detail); // a problem+json document
    return undefined;
  }
  const ideaId: string = submitted.data.ideaId;
  await api.PUT("/ideas/{ideaId}/vote", { params: { path: { ideaId } }, body: { value: 1 } });

  const page = await api.GET("/challenges/{challengeId}/ideas", {
    params: { path: { challengeId }, query: { sort: "top", limit: 20 } },
  });
  return page.data?.items[0];
}

export async function whatTheTypesRefuse(challengeId: string): Promise<void> {
  const api = createCocreateClient({ baseUrl: "http://127.0.0.1:3000" });
  // @ts-expect-error: an idea needs a title
  await api.POST("/challenges/{challengeId}/ideas", { params: { path: { challengeId } }, body: {} });
  // @ts-expect-error: no such sort
  await api.GET("/challenges/{challengeId}/ideas", { params: { path: { challengeId }, query: { sort: "oldest" } } });
  // @ts-expect-error: no such route
  await api.GET("/ideas");
}
