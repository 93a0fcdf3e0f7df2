"""The reference web app (web/, served at /app) in a real browser: Playwright driving Debian's
Chromium against the local cloud. Screenshots of each journey land in .artifacts/web/."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from infra.local.cloud import LocalCloud
from tests.e2e.conftest import Call

expect.set_options(timeout=15_000)  # two shared cores run the whole cloud beside the browser
ARTIFACTS = Path(__file__).resolve().parents[2] / ".artifacts" / "web"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make setup` installs Debian's chromium package")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, cloud: LocalCloud) -> Iterator[Page]:
    context = browser.new_context(base_url=cloud.url)
    opened = context.new_page()
    yield opened
    context.close()


def eventually(check: Callable[[], bool], what: str, seconds: float = 30) -> None:
    """Wait for what the stack does asynchronously (streams, the bus, queues)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"not within {seconds} s: {what}")
        time.sleep(0.25)


def reload_until(page: Page, url: str, found: Locator, what: str) -> None:
    """Open ``url`` again until ``found`` shows (the page reads the API once per load)."""

    def shown() -> bool:
        page.goto(url)
        page.reload()
        page.wait_for_load_state("networkidle")
        return found.count() > 0

    eventually(shown, what)


def sign_in(page: Page, sub: str, groups: str = "") -> None:
    page.get_by_placeholder("user (e.g. alice)").fill(sub)
    page.get_by_placeholder("groups (e.g. brand-acme-admins)").fill(groups)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def a_challenge(call: Call, token: Callable[..., str], **fields: Any) -> str:
    admin = token("web-admin", ["brand-e2e-admins"])
    body = {"brandId": "e2e", "title": "Web journeys", "phase": "submission", "maxIdeasPerUser": None, **fields}
    answer = call("POST", "/challenges", token=admin, json=body)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["challengeId"])


def test_a_participant_submits_with_similar_ideas_shown_supports_comments_and_follows(
    page: Page, call: Call, token: Callable[..., str]
) -> None:
    challenge = a_challenge(call, token)
    earlier = {"title": "Refill stations in every store"}
    bob_id = call("POST", f"/challenges/{challenge}/ideas", token=token("web-bob"), json=earlier).json()["ideaId"]
    similar = f"/challenges/{challenge}/similar"
    eventually(lambda: bool(call("GET", similar, params={"text": "Refill stations"}).json()["items"]), "indexed")
    page.goto("/app")
    sign_in(page, "web-alice")
    page.goto(f"/app#/challenges/{challenge}")

    page.get_by_placeholder("A title (5 to 120 characters)").fill("Refill stations in stores")
    expect(page.get_by_test_id("similar")).to_contain_text("Refill stations in every store")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator(".idea")).to_have_count(2)
    bobs = page.locator(".idea", has_text="every store")
    bobs.get_by_role("button", name="Support").click()
    expect(bobs.get_by_role("button", name="Supported")).to_be_visible()
    expect(bobs.get_by_test_id("supporters")).to_have_text("1")
    eventually(lambda: call("GET", f"/ideas/{bob_id}").json()["votes"]["up"] == 1, "the tally counted the vote")
    page.get_by_role("button", name="top").click()
    expect(page.locator(".idea").first).to_contain_text("every store")  # the supported one leads
    expect(page.locator(".idea").first.get_by_test_id("supporters")).to_have_text("1")
    expect(page.locator(".idea").first.get_by_role("button", name="Supported")).to_be_visible()  # /me/votes
    page.screenshot(path=str(ARTIFACTS / "challenge.png"), full_page=True)

    subscription = f"/ideas/{bob_id}/subscription"
    alice = token("web-alice")
    eventually(lambda: call("GET", subscription, token=alice).json()["following"], "the supporter auto-follows")
    bobs = page.locator(".idea", has_text="every store")
    bobs.get_by_role("link").click()
    expect(page.locator("[data-testid=trend] .uplot")).to_be_visible()  # the vote trend, drawn by uPlot
    following = page.get_by_role("button", name="Following", exact=True)
    expect(following).to_be_visible()  # supporting followed the idea (decision 32)
    following.click()
    expect(page.get_by_role("button", name="Follow", exact=True)).to_be_visible()
    page.get_by_role("button", name="Follow", exact=True).click()
    expect(following).to_be_visible()
    page.locator("textarea[name=comment]").fill("Yes, with paper bags too")
    page.get_by_role("button", name="Comment").click()
    expect(page.locator(".comment")).to_contain_text("Yes, with paper bags too")
    page.screenshot(path=str(ARTIFACTS / "idea.png"), full_page=True)


def test_the_brand_answers_officially_and_followers_read_it_in_their_inbox(
    page: Page, call: Call, token: Callable[..., str]
) -> None:
    challenge = a_challenge(call, token)
    idea = {"title": "Gift wrap to order"}
    idea_id = call("POST", f"/challenges/{challenge}/ideas", token=token("web-carol"), json=idea).json()["ideaId"]
    page.goto("/app")
    sign_in(page, "web-admin", "brand-e2e-admins")
    page.goto(f"/app#/ideas/{idea_id}")

    page.locator("select[name=status]").select_option("accepted")
    page.locator("textarea[name=response]").fill("We will make it for the holidays.")
    page.get_by_role("button", name="Answer").click()
    expect(page.get_by_test_id("official")).to_have_text("We will make it for the holidays.")
    page.goto(f"/app#/challenges/{challenge}")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export CSV").click()
    exported = Path(download.value.path()).read_text()
    assert exported.splitlines()[0].startswith("ideaId,title")
    assert "Gift wrap to order" in exported
    sign_out(page)
    sign_in(page, "web-carol")
    # the notice travels the bus, a queue and the notifications function; carol's first-idea badge
    # notice (reputation) may land before or after it
    answered = page.locator(".notice", has_text="Gift wrap to order")
    reload_until(page, "/app#/inbox", answered, "the notice in the inbox")
    expect(answered).to_contain_text("We will make it for the holidays.")
    page.screenshot(path=str(ARTIFACTS / "inbox.png"), full_page=True)


def test_a_moderator_approves_a_pending_idea_from_the_queue(page: Page, call: Call, token: Callable[..., str]) -> None:
    challenge = a_challenge(call, token, moderation="pre")
    # an address in it: screening holds it for a person to decide (clean ideas it publishes itself)
    pending = {"title": "Seasonal flavours voted by fans", "description": "Mail me at dan@example.com"}
    assert call("POST", f"/challenges/{challenge}/ideas", token=token("web-dan"), json=pending).status_code == 201
    page.goto("/app")
    sign_in(page, "web-mod", "brand-e2e-moderators")

    item = page.locator(".case", has_text="Seasonal flavours voted by fans")
    reload_until(page, "/app#/moderation/e2e", item, "screening queued the idea")
    page.screenshot(path=str(ARTIFACTS / "moderation.png"), full_page=True)
    item.get_by_role("button", name="Approve").click()

    expect(item).to_have_count(0)
    ideas = call("GET", f"/challenges/{challenge}/ideas").json()["items"]
    assert [i["title"] for i in ideas] == ["Seasonal flavours voted by fans"]


def test_an_open_idea_page_shows_other_peoples_votes_and_comments_live(
    page: Page, call: Call, token: Callable[..., str]
) -> None:
    challenge = a_challenge(call, token)
    idea = {"title": "Bottle return points, watched live"}
    idea_id = call("POST", f"/challenges/{challenge}/ideas", token=token("web-erin"), json=idea).json()["ideaId"]
    page.goto(f"/app#/ideas/{idea_id}")  # anonymous: public channels are open to anyone
    expect(page.get_by_test_id("supporters")).to_have_text("0")

    assert call("PUT", f"/ideas/{idea_id}/vote", token=token("web-fay"), json={"value": 1}).status_code == 200
    comment = {"body": "Yes, at every store"}
    assert call("POST", f"/ideas/{idea_id}/comments", token=token("web-gus"), json=comment).status_code == 201

    # no reload: the WebSocket API pushes the tally's count and the new comment
    expect(page.get_by_test_id("supporters")).to_have_text("1")
    expect(page.locator(".comment")).to_contain_text("Yes, at every store")
    page.screenshot(path=str(ARTIFACTS / "live.png"), full_page=True)


def test_a_supporter_answers_the_survey_and_reviews_the_idea_once_it_ships(
    page: Page, call: Call, token: Callable[..., str]
) -> None:
    """Issue 14 in the browser: the challenge's required question is asked when supporting, and a
    shipped idea's page takes the supporter's review and shows it with the idea's rating; another
    reader finds it helpful."""
    survey = [{"id": "size", "prompt": "Which size would you buy?", "kind": "single", "options": ["S", "L"],
               "required": True}]  # fmt: skip
    challenge = a_challenge(call, token, survey=survey)
    idea = {"title": "Bamboo toothbrush heads"}
    idea_id = call("POST", f"/challenges/{challenge}/ideas", token=token("web-erin"), json=idea).json()["ideaId"]
    page.goto("/app")
    sign_in(page, "web-frank")
    page.goto(f"/app#/ideas/{idea_id}")

    page.get_by_role("button", name="Support").click()
    survey_form = page.get_by_role("form", name="Survey")
    expect(survey_form.get_by_label("Which size would you buy? (required)")).to_be_visible()
    survey_form.get_by_role("button", name="Send my support").click()
    expect(page.get_by_role("alert")).to_contain_text("This question must be answered.")  # the API's 422
    survey_form.locator("select[name=size]").select_option("S")
    survey_form.get_by_role("button", name="Send my support").click()
    supported = page.get_by_role("button", name="Supported")
    expect(supported).to_be_visible()
    eventually(lambda: call("GET", f"/ideas/{idea_id}").json()["votes"]["up"] == 1, "the tally counted the vote")
    page.wait_for_timeout(2500)  # the count's live push (within 2 s) must not undo the caller's own vote
    expect(supported).to_be_visible()
    supported.click()  # retracts
    expect(page.get_by_test_id("supporters")).to_have_text("0")
    page.get_by_role("button", name="Support").click()  # asked again
    page.get_by_role("form", name="Survey").locator("select[name=size]").select_option("L")
    page.get_by_role("form", name="Survey").get_by_role("button", name="Send my support").click()
    expect(supported).to_be_visible()
    frank = token("web-frank")
    mine = call("GET", "/me/votes", token=frank, params={"challengeId": challenge}).json()["items"]
    assert [vote["answers"] for vote in mine] == [{"size": "L"}]

    admin = token("web-admin", ["brand-e2e-admins"])
    for status in ("accepted", "shipped"):
        moved = call("POST", f"/ideas/{idea_id}/status", token=admin, json={"status": status})
        assert moved.status_code == 200, moved.text
    reload_until(page, f"/app#/ideas/{idea_id}", page.get_by_role("form", name="Review"), "the review form")
    review_form = page.get_by_role("form", name="Review")
    review_form.locator("select[name=rating]").select_option("4")
    review_form.locator("textarea[name=review]").fill("Soft bristles, lasts a month")
    review_form.get_by_role("button", name="Review").click()
    expect(page.locator(".review")).to_contain_text("Soft bristles, lasts a month")
    expect(page.locator(".review")).to_contain_text("★★★★ web-frank")
    reload_until(page, f"/app#/ideas/{idea_id}", page.get_by_text("4.0 of 5 from 1 reviews"), "the rating counted")
    expect(review_form.locator("textarea[name=review]")).to_have_value("Soft bristles, lasts a month")  # theirs
    expect(review_form.get_by_label("Your rating")).to_have_value("4")
    expect(review_form.get_by_role("button", name="Edit my review")).to_be_visible()
    expect(page.locator(".review").get_by_role("button", name="Helpful")).to_have_count(0)  # not on one's own
    sign_out(page)
    sign_in(page, "web-erin")  # the idea's author finds it helpful
    page.goto(f"/app#/ideas/{idea_id}")
    page.locator(".review").get_by_role("button", name="Helpful").click()
    expect(page.locator(".review").get_by_test_id("helpful-votes")).to_have_text("1")
    page.screenshot(path=str(ARTIFACTS / "review.png"), full_page=True)
