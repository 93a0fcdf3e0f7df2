/**
 * Typed client of the Cocreate API.
 *
 * `schema.d.ts` is generated from docs/openapi.json (`make openapi`); this file only wires
 * openapi-fetch to it: the base URL, the bearer token, and the named shapes front ends use.
 */
import createClient, { type Middleware } from "openapi-fetch";
import type { components, operations, paths } from "./schema.d.ts";

export type { components, operations, paths };
export type Schemas = components["schemas"];
export type Brand = Schemas["BrandView"];
export type Challenge = Schemas["ChallengeView"];
export type Idea = Schemas["IdeaView"];
export type Comment = Schemas["CommentView"];
export type Problem = Schemas["Problem"];

export interface ClientOptions {
  /** The stack's API URL, e.g. http://127.0.0.1:3000 for `make run`. */
  baseUrl: string;
  /** Returns the caller's ID or access token, or undefined for anonymous calls (public routes). */
  token?: () => string | undefined | Promise<string | undefined>;
  /** A fetch of your own (tests, a server runtime); the global fetch by default. */
  fetch?: typeof globalThis.fetch;
}

/** A client whose every path, parameter, body and answer is typed from the API's OpenAPI document. */
export function createCocreateClient(options: ClientOptions) {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const { token } = options;
  if (token) {
    const bearer: Middleware = {
      async onRequest({ request }) {
        const value = await token();
        if (value) request.headers.set("authorization", `Bearer ${value}`);
        return request;
      },
    };
    client.use(bearer);
  }
  return client;
}

export type CocreateClient = ReturnType<typeof createCocreateClient>;
