/**
 * Cocreate's reference web app: Preact on the generated, typed client (clients/typescript).
 *
 * Routes (in the URL's hash): #/ challenges, #/challenges/<id> its ideas (new, top, hot) and the
 * submit form (similar ideas shown while typing), #/ideas/<id> an idea with its comments, follow
 * and, for brand staff, the official response; supporting asks the challenge's survey, and a
 * shipped idea shows its rating and reviews with a form for verified supporters; #/inbox the
 * caller's notices, #/moderation/<brand> the brand's queue. Signing in uses the local cloud's token endpoint (`make run`).
 */
import { render } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { createCocreateClient, type Challenge, type Comment, type Idea, type Schemas } from "../../clients/typescript/src/index.ts";

type Session = { token: string; sub: string; groups: string[] };
type Sort = "new" | "top" | "hot";
type Notice = Schemas["NotificationView"];
type Case = Schemas["CaseView"];
type Status = Schemas["IdeaStatus"];
type Question = Schemas["SurveyQuestionView"];
type Answers = Record<string, string | number | string[]>;
type Review = Schemas["ReviewView"];

const STORE_KEY = "cocreate.session";

function loadSession(): Session | undefined {
  const saved = localStorage.getItem(STORE_KEY);
  return saved ? (JSON.parse(saved) as Session) : undefined;
}

let session = loadSession();
const api = createCocreateClient({ baseUrl: location.origin, token: () => session?.token });

function problemText(error: unknown): string {
  if (error && typeof error === "object" && "detail" in error) return String((error as { detail: unknown }).detail);
  return "Something went wrong.";
}

function staffOf(brandId: string): boolean {
  const groups = session?.groups ?? [];
  return groups.includes("operators") || groups.some((g) => g === `brand-${brandId}-admins` || g === `brand-${brandId}-moderators`);
}

function adminOf(brandId: string): boolean {
  const groups = session?.groups ?? [];
  return groups.includes("operators") || groups.includes(`brand-${brandId}-admins`);
}

// Live updates (docs/asyncapi.yaml): where the WebSocket API is (the local cloud says so at
// /_local/endpoints; a deployed front end would be configured with the stack's LiveUrl).
let liveUrl: Promise<string | undefined> | undefined;
function findLiveUrl(): Promise<string | undefined> {
  liveUrl ??= fetch("/_local/endpoints")
    .then((answer) => (answer.ok ? answer.json() : {}))
    .then((found: { live?: string }) => found.live)
    .catch(() => undefined);
  return liveUrl;
}

type LiveMessage = { type: string; channel?: string; votes?: { up: number; down: number; score: number } };

/** Listen to one channel while mounted; `onMessage` gets every update on it. */
function useLive(channel: string, onMessage: (message: LiveMessage) => void) {
  const handler = useRef(onMessage);
  handler.current = onMessage;
  useEffect(() => {
    let socket: WebSocket | undefined;
    let closed = false;
    void findLiveUrl().then((url) => {
      if (!url || closed) return;
      socket = new WebSocket(session ? `${url}?token=${session.token}` : url);
      socket.onopen = () => socket?.send(JSON.stringify({ action: "subscribe", channel }));
      socket.onmessage = (event) => handler.current(JSON.parse(String(event.data)) as LiveMessage);
    });
    return () => {
      closed = true;
      socket?.close();
    };
  }, [channel]);
}

function useRoute(): string[] {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const changed = () => setHash(location.hash);
    addEventListener("hashchange", changed);
    return () => removeEventListener("hashchange", changed);
  }, []);
  return hash.replace(/^#\/?/, "").split("/").filter(Boolean);
}

function SignIn({ onChange }: { onChange: () => void }) {
  const [sub, setSub] = useState("");
  const [groups, setGroups] = useState("");
  const [error, setError] = useState("");
  if (session) {
    return (
      <span class="who">
        {session.sub} <button onClick={() => { localStorage.removeItem(STORE_KEY); session = undefined; onChange(); }}>Sign out</button>
      </span>
    );
  }
  const signIn = async (event: Event) => {
    event.preventDefault();
    const wanted = groups.split(",").map((g) => g.trim()).filter(Boolean);
    const answer = await fetch("/_local/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sub, groups: wanted }),
    });
    if (!answer.ok) return setError("The local cloud gave no token.");
    const { token } = (await answer.json()) as { token: string };
    session = { token, sub, groups: wanted };
    localStorage.setItem(STORE_KEY, JSON.stringify(session));
    onChange();
  };
  return (
    <form class="who row" onSubmit={signIn}>
      <input name="sub" placeholder="user (e.g. alice)" value={sub} onInput={(e) => setSub(e.currentTarget.value)} required />
      <input name="groups" placeholder="groups (e.g. brand-acme-admins)" value={groups} onInput={(e) => setGroups(e.currentTarget.value)} />
      <button type="submit">Sign in</button>
      {error && <span class="error">{error}</span>}
    </form>
  );
}

function Challenges() {
  const [items, setItems] = useState<Challenge[]>([]);
  useEffect(() => {
    api.GET("/challenges", { params: { query: {} } }).then(({ data }) => setItems(data?.items ?? []));
  }, []);
  return (
    <section>
      <h1>Challenges</h1>
      {items.map((c) => (
        <div class="card" key={c.challengeId}>
          <a href={`#/challenges/${c.challengeId}`}><strong>{c.title}</strong></a>
          <div class="muted">{c.brandId} · {c.phase}{c.submittingOpen ? " · taking ideas" : ""}</div>
        </div>
      ))}
    </section>
  );
}

function SubmitIdea({ challenge, onSubmitted }: { challenge: Challenge; onSubmitted: () => void }) {
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [similar, setSimilar] = useState<Schemas["SimilarIdeaView"][]>([]);
  const [error, setError] = useState("");
  useEffect(() => {
    if (title.trim().length < 3) return setSimilar([]);
    const timer = setTimeout(async () => {
      const { data } = await api.GET("/challenges/{challengeId}/similar", {
        params: { path: { challengeId: challenge.challengeId }, query: { text: title } },
      });
      setSimilar(data?.items ?? []);
    }, 250);
    return () => clearTimeout(timer);
  }, [title, challenge.challengeId]);
  const submit = async (event: Event) => {
    event.preventDefault();
    const { error: problem } = await api.POST("/challenges/{challengeId}/ideas", {
      params: { path: { challengeId: challenge.challengeId } },
      body: { title, description },
    });
    if (problem) return setError(problemText(problem));
    setTitle("");
    setDescription("");
    setError("");
    onSubmitted();
  };
  return (
    <form class="card" onSubmit={submit} aria-label="Submit an idea">
      <h2>Your idea</h2>
      <input type="text" name="title" placeholder="A title (5 to 120 characters)" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      {similar.length > 0 && (
        <div class="muted" data-testid="similar">
          Similar ideas already here:
          <ul class="similar">{similar.map((s) => <li key={s.ideaId}><a href={`#/ideas/${s.ideaId}`}>{s.title}</a></li>)}</ul>
        </div>
      )}
      <textarea name="description" placeholder="What and why" value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      <div class="row"><button type="submit">Submit</button>{error && <span class="error" role="alert">{error}</span>}</div>
    </form>
  );
}

function SurveyForm({ questions, onAnswer }: { questions: Question[]; onAnswer: (answers: Answers) => void }) {
  // The challenge's questions, asked once when supporting (the API checks the answers: a wrong or
  // missing required one comes back as a problem, shown beside the button).
  const [answers, setAnswers] = useState<Answers>({});
  const set = (id: string, value: string | number | string[] | undefined) =>
    setAnswers((current) => {
      const next = { ...current };
      if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) delete next[id];
      else next[id] = value;
      return next;
    });
  const toggle = (id: string, option: string, on: boolean) =>
    setAnswers((current) => {
      const chosen = ((current[id] as string[] | undefined) ?? []).filter((c) => c !== option);
      const next = { ...current, [id]: on ? [...chosen, option] : chosen };
      if ((next[id] as string[]).length === 0) delete next[id];
      return next;
    });
  const label = (q: Question) => `${q.prompt}${q.required ? " (required)" : ""}`;
  const field = (q: Question) => {
    if (q.kind === "multiple")
      return (
        <fieldset key={q.id} aria-required={q.required}>
          <legend>{label(q)}</legend>
          {q.options.map((o) => (
            <label key={o}><input type="checkbox" name={q.id} value={o} onChange={(e) => toggle(q.id, o, e.currentTarget.checked)} /> {o}</label>
          ))}
        </fieldset>
      );
    const control =
      q.kind === "single" ? (
        <select name={q.id} aria-required={q.required} onChange={(e) => set(q.id, e.currentTarget.value)}>
          <option value="">-</option>
          {q.options.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      ) : q.kind === "number" ? (
        <input type="number" name={q.id} aria-required={q.required} min={q.minimum ?? undefined} max={q.maximum ?? undefined}
          onInput={(e) => set(q.id, e.currentTarget.value === "" ? undefined : Number(e.currentTarget.value))} />
      ) : (
        <input name={q.id} aria-required={q.required} maxLength={q.maxLength ?? 500} onInput={(e) => set(q.id, e.currentTarget.value.trim())} />
      );
    return <label key={q.id} class="row">{label(q)} {control}</label>;
  };
  const submit = (event: Event) => {
    event.preventDefault();
    onAnswer(answers);
  };
  return (
    <form class="card" id="survey" onSubmit={submit} aria-label="Survey">
      {questions.map(field)}
      <button type="submit">Send my support</button>
    </form>
  );
}

function VoteButton({ idea, supported, survey = [] }: { idea: Idea; supported?: boolean; survey?: Question[] }) {
  // The count is the tally's (it follows the votes stream within a second or so); the caller's
  // own vote shows at once, and so does its effect on the count. An idea read alone says the
  // caller's vote (myVote); a list page passes it from GET /me/votes. A challenge with a survey
  // asks it before the first support.
  const given = supported ?? idea.myVote === 1;
  const [mine, setMine] = useState(given);
  const [count, setCount] = useState(idea.votes.up);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState("");
  // Apart: a live count replaces the idea but not the caller's own vote, which must not flip back.
  useEffect(() => setMine(given), [idea.ideaId, given]);
  useEffect(() => setCount(idea.votes.up), [idea.votes.up]);
  const vote = async (answers?: Answers) => {
    const path = { params: { path: { ideaId: idea.ideaId } } };
    const { error: problem } = mine
      ? await api.DELETE("/ideas/{ideaId}/vote", path)
      : await api.PUT("/ideas/{ideaId}/vote", { ...path, body: answers ? { value: 1, answers } : { value: 1 } });
    if (problem) return setError(problemText(problem));
    setError("");
    setAsking(false);
    setCount(count + (mine ? -1 : 1));
    setMine(!mine);
  };
  const click = () => (!mine && survey.length > 0 ? setAsking(!asking) : void vote());
  return (
    <span>
      <span class="row">
        <button onClick={click} disabled={!session} aria-pressed={mine}
          aria-expanded={survey.length > 0 && !mine ? asking : undefined} aria-controls={asking ? "survey" : undefined}>
          {mine ? "Supported" : "Support"}
        </button>
        <span data-testid="supporters">{count}</span> supporters
        {error && <span class="error" role="alert">{error}</span>}
      </span>
      {asking && <SurveyForm questions={survey} onAnswer={(answers) => void vote(answers)} />}
    </span>
  );
}

function HelpfulButton({ review, onVoted }: { review: Review; onVoted: (votes: number) => void }) {
  // Once each (PUT is idempotent); the caller's own vote is not in the list's view, so the button
  // remembers what this page did and DELETE takes it back. The count shown is the answer's.
  const [mine, setMine] = useState(false);
  const [error, setError] = useState("");
  const vote = async () => {
    const path = { params: { path: { reviewId: review.reviewId } } };
    const { data, error: problem } = mine
      ? await api.DELETE("/reviews/{reviewId}/helpful", path)
      : await api.PUT("/reviews/{reviewId}/helpful", path);
    if (problem || !data) return setError(problemText(problem));
    setError("");
    setMine(data.foundHelpful);
    onVoted(data.helpfulVotes);
  };
  return (
    <span>
      <button onClick={vote} aria-pressed={mine}>{mine ? "Helpful ✓" : "Helpful"}</button>
      {error && <span class="error" role="alert">{error}</span>}
    </span>
  );
}

function Reviews({ idea, onWritten }: { idea: Idea; onWritten: () => void }) {
  // A shipped idea's after-sales loop: its rating (kept exact by the tally) and reviews, newest
  // first; verified supporters (who supported or followed it before it shipped) write theirs.
  const [reviews, setReviews] = useState<Review[]>([]);
  const [rating, setRating] = useState(5);
  const [body, setBody] = useState("");
  const [error, setError] = useState("");
  const path = { params: { path: { ideaId: idea.ideaId } } };
  const load = useCallback(async () => {
    const { data } = await api.GET("/ideas/{ideaId}/reviews", path);
    const items = data?.items ?? [];
    setReviews(items);
    const mine = items.find((r) => r.authorId === session?.sub);  // one each: the form edits it
    if (mine) {
      setRating(mine.rating);
      setBody(mine.body ?? "");
    }
  }, [idea.ideaId]);
  useEffect(() => { void load(); }, [load]);
  const write = async (event: Event) => {
    event.preventDefault();
    const { error: problem } = await api.PUT("/ideas/{ideaId}/review", { ...path, body: { rating, body } });
    if (problem) return setError(problemText(problem));
    setError("");
    void load();
    onWritten();  // the rating follows through the tally, a moment later
  };
  const summary = idea.rating;
  return (
    <section aria-label="Reviews">
      <h2>Reviews</h2>
      <p data-testid="rating">
        {summary && summary.count > 0 ? `${(summary.average ?? 0).toFixed(1)} of 5 from ${summary.count} reviews` : "No reviews yet"}
      </p>
      {reviews.map((r) => (
        <div class="card review" key={r.reviewId}>
          <div class="muted">{"★".repeat(r.rating)} {r.formerParticipant ? "a former participant" : r.authorId}</div>
          {r.body}
          {r.answer && <div><strong>The brand:</strong> {r.answer.body}</div>}
          <div class="row muted">
            <span data-testid="helpful-votes">{r.helpfulVotes}</span> found it helpful
            {session && session.sub !== r.authorId && (
              <HelpfulButton review={r} onVoted={(votes) =>
                setReviews((list) => list.map((x) => (x.reviewId === r.reviewId ? { ...x, helpfulVotes: votes } : x)))} />
            )}
          </div>
        </div>
      ))}
      {session && (
        <form class="card" onSubmit={write} aria-label="Review">
          <label class="row">Your rating
            <select name="rating" value={rating} onChange={(e) => setRating(Number(e.currentTarget.value))}>
              {[5, 4, 3, 2, 1].map((n) => <option key={n} value={n}>{n} stars</option>)}
            </select>
          </label>
          <label>Your review <textarea name="review" value={body} onInput={(e) => setBody(e.currentTarget.value)} /></label>
          <button type="submit">{reviews.some((r) => r.authorId === session?.sub) ? "Edit my review" : "Review"}</button>
          {error && <span class="error" role="alert">{error}</span>}
        </form>
      )}
    </section>
  );
}

async function downloadExport(challengeId: string): Promise<void> {
  const answer = await fetch(`/challenges/${challengeId}/export`, { headers: { authorization: `Bearer ${session?.token}` } });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(await answer.blob());
  link.download = `ideas-${challengeId}.csv`;
  link.click();
}

function ChallengePage({ challengeId }: { challengeId: string }) {
  const [challenge, setChallenge] = useState<Challenge>();
  const [sort, setSort] = useState<Sort>("new");
  const [ideas, setIdeas] = useState<Idea[]>([]);
  const [mine, setMine] = useState<Set<string>>(new Set());
  const load = useCallback(async () => {
    const [read, page, votes] = await Promise.all([
      api.GET("/challenges/{challengeId}", { params: { path: { challengeId } } }),
      api.GET("/challenges/{challengeId}/ideas", { params: { path: { challengeId }, query: { sort } } }),
      session ? api.GET("/me/votes", { params: { query: { challengeId, limit: 100 } } }) : undefined,
    ]);
    setChallenge(read.data);
    setIdeas(page.data?.items ?? []);
    setMine(new Set((votes?.data?.items ?? []).filter((v) => v.value === 1).map((v) => v.ideaId)));
  }, [challengeId, sort]);
  useEffect(() => { void load(); }, [load]);
  if (!challenge) return <p>Loading...</p>;
  return (
    <section>
      <h1>{challenge.title}</h1>
      <p>{challenge.description}</p>
      <div class="row muted">
        {challenge.brandId} · {challenge.phase}
        {adminOf(challenge.brandId) && <button onClick={() => downloadExport(challengeId)}>Export CSV</button>}
        {staffOf(challenge.brandId) && <a href={`#/moderation/${challenge.brandId}`}>Moderation queue</a>}
      </div>
      {session && challenge.submittingOpen && <SubmitIdea challenge={challenge} onSubmitted={load} />}
      <div class="tabs row" role="group" aria-label="Sort">
        {(["new", "top", "hot"] as Sort[]).map((s) => (
          <button key={s} aria-pressed={sort === s} onClick={() => setSort(s)}>{s}</button>
        ))}
      </div>
      {ideas.map((idea) => (
        <div class="card idea" key={idea.ideaId}>
          <a href={`#/ideas/${idea.ideaId}`}><strong>{idea.title}</strong></a>
          <div class="row muted">{idea.statusLabel} · {idea.commentCount} comments</div>
          <VoteButton idea={idea} supported={mine.has(idea.ideaId)} survey={challenge.survey} />
        </div>
      ))}
    </section>
  );
}

function VoteTrend({ ideaId }: { ideaId: string }) {
  // Supporters hour by hour over the last week (the tally's trend points), drawn with uPlot.
  const target = useRef<HTMLDivElement>(null);
  const [points, setPoints] = useState<Schemas["TrendPointView"][]>([]);
  useEffect(() => {
    api.GET("/ideas/{ideaId}/trend", { params: { path: { ideaId }, query: { hours: 168 } } }).then(({ data }) =>
      setPoints(data?.points ?? []),
    );
  }, [ideaId]);
  useEffect(() => {
    if (!target.current || points.length === 0) return;
    const hours = points.map((p) => Date.parse(p.hour) / 1000);
    const now = Date.now() / 1000;
    const chart = new uPlot(
      {
        width: 520,
        height: 180,
        series: [{}, { label: "supporters", stroke: "#243b6b", width: 2 }, { label: "down", stroke: "#a11" }],
        scales: { x: { time: true, range: (): uPlot.Range.MinMax => [now - 7 * 24 * 3600, now] } },
      },
      [hours, points.map((p) => p.up), points.map((p) => p.down)],
      target.current,
    );
    return () => chart.destroy();
  }, [points]);
  return (
    <div class="card" data-testid="trend">
      <h2>Votes over the last week</h2>
      {points.length === 0 ? <p class="muted">No votes counted yet.</p> : <div ref={target} />}
    </div>
  );
}

const RESPONSE_STATUSES: Status[] = ["under_review", "accepted", "in_development", "shipped", "declined"];

function OfficialResponse({ idea, onAnswered }: { idea: Idea; onAnswered: () => void }) {
  const [status, setStatus] = useState<Status>("under_review");
  const [response, setResponse] = useState("");
  const [error, setError] = useState("");
  const answer = async (event: Event) => {
    event.preventDefault();
    const { error: problem } = await api.POST("/ideas/{ideaId}/status", {
      params: { path: { ideaId: idea.ideaId } },
      body: { status, response },
    });
    if (problem) return setError(problemText(problem));
    onAnswered();
  };
  return (
    <form class="card" onSubmit={answer} aria-label="Official response">
      <h2>Official response</h2>
      <select name="status" value={status} onChange={(e) => setStatus(e.currentTarget.value as Status)}>
        {RESPONSE_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
      <textarea name="response" value={response} onInput={(e) => setResponse(e.currentTarget.value)} />
      <div class="row"><button type="submit">Answer</button>{error && <span class="error" role="alert">{error}</span>}</div>
    </form>
  );
}

function IdeaPage({ ideaId }: { ideaId: string }) {
  const [idea, setIdea] = useState<Idea>();
  const [comments, setComments] = useState<Comment[]>([]);
  const [following, setFollowing] = useState(false);
  const [survey, setSurvey] = useState<Question[]>([]);
  const [body, setBody] = useState("");
  const path = { params: { path: { ideaId } } };
  const load = useCallback(async () => {
    // The follow state comes with the idea, so the button never shows a stale state a click could race.
    const [read, thread, subscription] = await Promise.all([
      api.GET("/ideas/{ideaId}", path),
      api.GET("/ideas/{ideaId}/comments", path),
      session ? api.GET("/ideas/{ideaId}/subscription", path) : Promise.resolve(undefined),
    ]);
    // The challenge's survey is read before the idea shows, so Support can never go out without it.
    const challengeId = read.data?.challengeId;
    const challenge = challengeId ? await api.GET("/challenges/{challengeId}", { params: { path: { challengeId } } }) : undefined;
    setSurvey(challenge?.data?.survey ?? []);
    setFollowing(subscription?.data?.following ?? false);
    setComments(thread.data?.items ?? []);
    setIdea(read.data);
  }, [ideaId]);
  useEffect(() => { void load(); }, [load]);
  useLive(`idea:${ideaId}`, (message) => {
    if (message.type === "votes" && message.votes) {
      const votes = message.votes;
      setIdea((current) => (current ? { ...current, votes: { ...current.votes, ...votes } } : current));
    } else if (message.type === "comment" || message.type === "status") {
      void load();  // a new, edited or removed comment, or a new status: read them as HTTP shows them
    }
  });
  if (!idea) return <p>Loading...</p>;
  const follow = async () => {
    const { data } = following ? await api.DELETE("/ideas/{ideaId}/subscription", path) : await api.PUT("/ideas/{ideaId}/subscription", path);
    setFollowing(data?.following ?? !following);
  };
  const comment = async (event: Event) => {
    event.preventDefault();
    await api.POST("/ideas/{ideaId}/comments", { ...path, body: { body } });
    setBody("");
    void load();
  };
  return (
    <section>
      <h1>{idea.title}</h1>
      <p>{idea.description}</p>
      <div class="row muted"><span data-testid="status">{idea.statusLabel}</span> · <a href={`#/challenges/${idea.challengeId}`}>back to the challenge</a></div>
      {idea.officialResponse && <div class="card"><strong>The brand:</strong> <span data-testid="official">{idea.officialResponse}</span></div>}
      <div class="row">
        <VoteButton idea={idea} survey={survey} />
        {session && <button onClick={follow} aria-pressed={following}>{following ? "Following" : "Follow"}</button>}
      </div>
      <VoteTrend ideaId={idea.ideaId} />
      {idea.status === "shipped" && <Reviews idea={idea} onWritten={load} />}
      {session && adminOf(idea.brandId) && <OfficialResponse idea={idea} onAnswered={load} />}
      <h2>Comments</h2>
      {comments.map((c) => (
        <div class="card comment" key={c.commentId} style={{ marginLeft: `${c.depth * 1.5}rem` }}>
          <div class="muted">{c.formerParticipant ? "a former participant" : c.authorId}{c.official ? " (the brand)" : ""}</div>
          {c.body}
        </div>
      ))}
      {session && (
        <form class="card" onSubmit={comment} aria-label="Comment">
          <textarea name="comment" value={body} onInput={(e) => setBody(e.currentTarget.value)} />
          <button type="submit">Comment</button>
        </form>
      )}
    </section>
  );
}

function Inbox() {
  const [notices, setNotices] = useState<Notice[]>([]);
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    api.GET("/me/notifications", { params: { query: {} } }).then(({ data }) => {
      setNotices(data?.items ?? []);
      setUnread(data?.unreadCount ?? 0);
    });
  }, []);
  return (
    <section>
      <h1>Inbox <span class="muted" data-testid="unread">{unread} unread</span></h1>
      {notices.map((n) => (
        <div class="card notice" key={n.id}>
          <a href={n.ideaId ? `#/ideas/${n.ideaId}` : "#/"}>{n.message}</a>
          <div class="muted">{n.eventType} · {new Date(n.at).toLocaleString()}</div>
        </div>
      ))}
    </section>
  );
}

function Moderation({ brandId }: { brandId: string }) {
  const [cases, setCases] = useState<Case[]>([]);
  const load = useCallback(async () => {
    const { data } = await api.GET("/moderation/queue", { params: { query: { brandId } } });
    setCases(data?.items ?? []);
  }, [brandId]);
  useEffect(() => { void load(); }, [load]);
  const decide = async (item: Case, action: "approve" | "hide") => {
    await api.POST("/moderation/decisions", {
      body: { targetType: item.targetType, targetId: item.targetId, action, version: item.version, reason: action === "hide" ? "other" : null },
    });
    void load();
  };
  return (
    <section>
      <h1>Moderation: {brandId}</h1>
      {cases.length === 0 && <p class="muted">Nothing waits for a decision.</p>}
      {cases.map((item) => (
        <div class="card case" key={`${item.targetType}-${item.targetId}`}>
          <div>{item.excerpt}</div>
          <div class="row muted">{item.targetType} · {item.state} · {item.reports} reports</div>
          <div class="row">
            <button onClick={() => decide(item, "approve")}>Approve</button>
            <button onClick={() => decide(item, "hide")}>Hide</button>
          </div>
        </div>
      ))}
    </section>
  );
}

function App() {
  const route = useRoute();
  const [, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  const [page, id] = route;
  let view;
  if (page === "challenges" && id) view = <ChallengePage key={`${id}-${session?.sub}`} challengeId={id} />;
  else if (page === "ideas" && id) view = <IdeaPage key={`${id}-${session?.sub}`} ideaId={id} />;
  else if (page === "inbox") view = <Inbox key={session?.sub} />;
  else if (page === "moderation" && id) view = <Moderation brandId={id} />;
  else view = <Challenges />;
  return (
    <>
      <header>
        <a href="#/"><strong>Cocreate</strong></a>
        {session && <a href="#/inbox">Inbox</a>}
        <SignIn onChange={refresh} />
      </header>
      <main>{view}</main>
    </>
  );
}

const root = document.getElementById("app")!;
root.textContent = ""; // the "Loading..." shown before the bundle ran
render(<App />, root);
