"""`cocreate`: the operators' command line (Typer + Rich).

    cocreate campaign init NAME      write a samconfig.toml environment for a campaign
    cocreate campaign render NAME    the account-wide names its stack would take
    cocreate campaign deploy NAME    sam build && sam deploy --config-env NAME
    cocreate brands list|add|suspend|reinstate
    cocreate staff list|invite|role|remove BRAND   a brand's admins and moderators
    cocreate seed [--csv FILE]       demo data (or ideas from a CSV) into a running stack
    cocreate export CHALLENGE        the challenge's ideas as one CSV, page by page
    cocreate dlq list|redrive        dead letters of a stack, and replaying the queue-fed ones
    cocreate migrate                 bring a stack's data to the current keys (once, after an upgrade)

Every command that talks to a stack takes ``--url`` (the API; the local cloud by default) and
``--token`` (or ``COCREATE_TOKEN``); against the local cloud a token is minted when none is given.
``dlq`` reads a deployed stack's queues through CloudFormation (``--stack``), or the local
cloud's moto server."""

from __future__ import annotations

import csv
import io
import json
import os
import shlex
import subprocess
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, NoReturn
from urllib.parse import urlparse

import requests
import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.table import Table

from infra.local.aws import client as local_client
from infra.local.seed import seed as seed_demo
from infra.local.template import Resolver, load_template

ROOT = Path(__file__).resolve().parent.parent
LOCAL_URL = "http://127.0.0.1:3000"
PHYSICAL_NAMES = frozenset(
    {"Name", "TableName", "QueueName", "FunctionName", "DashboardName", "AlarmName", "TopicName", "UserPoolName"}
    | {"LayerName", "LogGroupName", "ArchiveName", "RoleName", "Domain", "SecretName", "ApiName", "StageName"}
)
"""Properties that name a resource account-wide: two stacks giving one the same value collide."""
SCOPED = frozenset({("AWS::ApiGatewayV2::Stage", "StageName"), ("AWS::Lambda::Permission", "FunctionName")})
"""Not account-wide after all: a stage's name is its API's own, a permission names the function it is on."""

app = typer.Typer(help="Operate Cocreate stacks: campaigns, brands, demo data, exports, dead letters.")
campaign = typer.Typer(help="One stack per campaign: samconfig.toml environments, names, deploys.")
brands = typer.Typer(help="The stack's brands (operators).")
staff = typer.Typer(help="A brand's admins and moderators (its admins, operators).")
dlq = typer.Typer(help="Dead-letter queues: what is waiting, and replaying it.")
app.add_typer(campaign, name="campaign")
app.add_typer(brands, name="brands")
app.add_typer(staff, name="staff")
app.add_typer(dlq, name="dlq")
console = Console()

Url = Annotated[str, typer.Option(help="The stack's API URL.", envvar="COCREATE_URL")]
Token = Annotated[
    str | None, typer.Option(help="A bearer token (minted by the local cloud when omitted).", envvar="COCREATE_TOKEN")
]


def fail(message: str) -> NoReturn:
    """Say what went wrong (no traceback) and exit with 1."""
    console.print(f"[red]{message}[/red]")
    raise typer.Exit(code=1)


# campaign


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(str(value))  # a TOML basic string is a JSON string


def dump_samconfig(config: Mapping[str, Any]) -> str:
    """samconfig.toml's shape: ``version``, then ``[env.command.parameters]`` tables of scalars."""
    lines = [f"version = {_toml_value(config.get('version', 0.1))}"]
    for env, commands in config.items():
        if env == "version":
            continue
        for command, sections in commands.items():
            for section, values in sections.items():
                lines += ["", f"[{env}.{command}.{section}]"]
                lines += [f"{key} = {_toml_value(value)}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


def campaign_parameters(config: Mapping[str, Any], name: str) -> dict[str, str]:
    """The template parameters a samconfig.toml environment deploys with."""
    try:
        overrides = config[name]["deploy"]["parameters"]["parameter_overrides"]
    except KeyError:
        fail(f"No campaign {name!r} in samconfig.toml: run `cocreate campaign init {name}`.")
    return dict(item.split("=", 1) for item in shlex.split(overrides))


@campaign.command("init")
def campaign_init(
    name: Annotated[str, typer.Argument(help="The campaign (letters, digits, dashes).")],
    stage: Annotated[str, typer.Option(prompt=True, help="dev, staging or prod.")] = "dev",
    region: Annotated[str, typer.Option(help="The AWS region.")] = "us-east-1",
    alarm_email: Annotated[str, typer.Option(help="Who gets the alarms (empty: nobody yet).")] = "",
    allowed_origins: Annotated[str, typer.Option(help="The web app's origins, comma-separated.")] = "",
    jwt_issuer: Annotated[str, typer.Option(help="An external OIDC issuer (empty: the stack's Cognito).")] = "",
    jwt_audience: Annotated[str, typer.Option(help="The client id its tokens carry.")] = "",
    sender_email: Annotated[str, typer.Option(help="A verified SES identity for emails.")] = "",
    public_api_url: Annotated[str, typer.Option(help="The API's public URL (for unsubscribe links).")] = "",
    config_file: Annotated[Path, typer.Option("--config-file", help="The samconfig.toml to write.")] = Path(
        "samconfig.toml"
    ),
) -> None:
    """Write (or replace) the campaign's environment in samconfig.toml; other campaigns stay."""
    if not name.replace("-", "").isalnum() or stage not in {"dev", "staging", "prod"}:
        fail("The name takes letters, digits and dashes; the stage is dev, staging or prod.")
    chosen = {
        "CampaignName": name,
        "Stage": stage,
        "AlarmEmail": alarm_email,
        "AllowedOrigins": allowed_origins,
        "JwtIssuer": jwt_issuer,
        "JwtAudience": jwt_audience,
        "SenderEmail": sender_email,
        "PublicApiUrl": public_api_url,
    }
    parameters = {key: value for key, value in chosen.items() if value}
    _resolver(parameters)  # the template's own rules (an issuer needs its audience, ...)
    config: dict[str, Any] = tomllib.loads(config_file.read_text()) if config_file.exists() else {"version": 0.1}
    config[name] = {
        "global": {"parameters": {"stack_name": f"cocreate-{name}-{stage}", "region": region}},
        "deploy": {
            "parameters": {
                "capabilities": "CAPABILITY_IAM CAPABILITY_AUTO_EXPAND",
                "confirm_changeset": stage == "prod",
                "resolve_s3": True,
                "parameter_overrides": " ".join(f"{key}={shlex.quote(value)}" for key, value in parameters.items()),
            }
        },
    }
    config_file.write_text(dump_samconfig(config))
    console.print(f"Campaign [bold]{name}[/bold] ({stage}) written to {config_file}: stack cocreate-{name}-{stage}")


def _resolver(parameters: Mapping[str, str]) -> Resolver:
    try:
        template = load_template(ROOT / "template.yaml")
        return Resolver(template, sqs_endpoint="-", stream_label="-", parameters=parameters)
    except ValueError as exc:
        fail(str(exc))


def physical_names(parameters: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(logical id, type, name) of every account-wide name the template sets with these parameters."""
    resolver = _resolver(parameters)
    return sorted(
        (logical_id, resource["Type"], str(resolver.resolve(value)))
        for logical_id, resource in resolver.resources.items()
        if resolver.included(logical_id)
        for key, value in (resource.get("Properties") or {}).items()
        if key in PHYSICAL_NAMES and (resource["Type"], key) not in SCOPED
    )


@campaign.command("render")
def campaign_render(
    name: str,
    config_file: Annotated[Path, typer.Option("--config-file")] = Path("samconfig.toml"),
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """The names the campaign's stack would give resources account-wide (everything else is named
    by CloudFormation), to check that campaigns deploy side by side."""
    if not config_file.exists():
        fail(f"{config_file} does not exist: run `cocreate campaign init {name}`.")
    names = physical_names(campaign_parameters(tomllib.loads(config_file.read_text()), name))
    if as_json:
        typer.echo(json.dumps([{"logicalId": a, "type": b, "name": c} for a, b, c in names]))
        return
    table = Table("resource", "type", "name", title=f"campaign {name}")
    for row in names:
        table.add_row(*row)
    console.print(table)


Runner = Callable[[Sequence[str]], int]


def _run(command: Sequence[str]) -> int:
    return subprocess.run(list(command), cwd=ROOT, check=False).returncode  # noqa: S603 - sam, as typed


RUNNER: Runner = _run  # tests replace it


@campaign.command("deploy")
def campaign_deploy(
    name: str,
    config_file: Annotated[Path, typer.Option("--config-file")] = Path("samconfig.toml"),
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the commands only.")] = False,
) -> None:
    """sam build (no Docker) then sam deploy with the campaign's environment."""
    if not config_file.exists():
        fail(f"{config_file} does not exist: run `cocreate campaign init {name}`.")
    campaign_parameters(tomllib.loads(config_file.read_text()), name)  # the environment exists
    sam = os.environ.get("SAM", "sam")
    steps = [
        [sam, "build", "--build-in-source"],
        [sam, "deploy", "--config-file", str(config_file.resolve()), "--config-env", name],
    ]
    for step in steps:
        console.print("$ " + shlex.join(step))
        if not dry_run and (code := RUNNER(step)) != 0:
            fail(f"{step[0]} {step[1]} failed ({code}).")


# talking to a stack


def _is_local(url: str) -> bool:
    return urlparse(url).hostname in {"127.0.0.1", "localhost"}


def _token(url: str, token: str | None, sub: str, groups: Sequence[str]) -> str:
    if token:
        return token
    if not _is_local(url):
        fail("Give --token (or COCREATE_TOKEN) for a deployed stack.")
    answer = requests.post(f"{url}/_local/token", json={"sub": sub, "groups": list(groups)}, timeout=10)
    answer.raise_for_status()
    return str(answer.json()["token"])


def _call(method: str, url: str, token: str, **kwargs: Any) -> requests.Response:
    response = requests.request(method, url, headers={"authorization": f"Bearer {token}"}, timeout=30, **kwargs)
    if response.status_code >= 400:
        try:
            detail = response.json().get("detail", response.text)
        except ValueError:
            detail = response.text
        fail(f"{method} {urlparse(url).path} -> {response.status_code}: {detail}")
    return response


def _brand_table(items: Sequence[Mapping[str, Any]]) -> Table:
    table = Table("brandId", "name", "suspended", "reason")
    for brand in items:
        suspended = "yes" if brand["suspended"] else ""
        table.add_row(brand["brandId"], brand["name"], suspended, brand["suspendedReason"] or "")
    return table


@brands.command("list")
def brands_list(url: Url = LOCAL_URL, token: Token = None) -> None:
    bearer = _token(url, token, "cli-operator", ["operators"])
    items, cursor = [], None
    while True:
        page = _call("GET", f"{url}/brands", bearer, params={"limit": 100, **({"cursor": cursor} if cursor else {})})
        body = page.json()
        items += body["items"]
        if not (cursor := body["nextCursor"]):
            break
    console.print(_brand_table(items))


@brands.command("add")
def brands_add(brand_id: str, name: str, url: Url = LOCAL_URL, token: Token = None) -> None:
    bearer = _token(url, token, "cli-operator", ["operators"])
    brand = _call("POST", f"{url}/brands", bearer, json={"brandId": brand_id, "name": name}).json()
    console.print(_brand_table([brand]))


@brands.command("suspend")
def brands_suspend(
    brand_id: str, reason: Annotated[str | None, typer.Option()] = None, url: Url = LOCAL_URL, token: Token = None
) -> None:
    """Make every challenge of the brand read-only (run it again to finish an interrupted one)."""
    bearer = _token(url, token, "cli-operator", ["operators"])
    body: dict[str, Any] = {"suspended": True, **({"suspendedReason": reason} if reason else {})}
    console.print(_brand_table([_call("PATCH", f"{url}/brands/{brand_id}", bearer, json=body).json()]))


@brands.command("reinstate")
def brands_reinstate(brand_id: str, url: Url = LOCAL_URL, token: Token = None) -> None:
    bearer = _token(url, token, "cli-operator", ["operators"])
    console.print(_brand_table([_call("PATCH", f"{url}/brands/{brand_id}", bearer, json={"suspended": False}).json()]))


def _staff_table(items: Sequence[Mapping[str, Any]]) -> Table:
    table = Table("memberId", "email", "role", "state", "userId")
    for member in items:
        table.add_row(member["memberId"], member["email"], member["role"], member["state"], member["userId"] or "")
    return table


@staff.command("list")
def staff_list(brand_id: str, url: Url = LOCAL_URL, token: Token = None) -> None:
    """Members and pending invitations of the brand."""
    bearer = _token(url, token, "cli-operator", ["operators"])
    items, cursor = [], None
    while True:
        params = {"limit": 100, **({"cursor": cursor} if cursor else {})}
        body = _call("GET", f"{url}/brands/{brand_id}/staff", bearer, params=params).json()
        items += body["items"]
        if not (cursor := body["nextCursor"]):
            break
    console.print(_staff_table(items))


Role = Annotated[str, typer.Option(help="admin or moderator")]


@staff.command("invite")
def staff_invite(
    brand_id: str, email: str, role: Role = "moderator", url: Url = LOCAL_URL, token: Token = None
) -> None:
    """Invite an address (with the stack's own user pool the person is a member at once)."""
    bearer = _token(url, token, "cli-operator", ["operators"])
    member = _call("POST", f"{url}/brands/{brand_id}/staff", bearer, json={"email": email, "role": role}).json()
    console.print(_staff_table([member]))


@staff.command("role")
def staff_role(brand_id: str, member_id: str, role: Role, url: Url = LOCAL_URL, token: Token = None) -> None:
    bearer = _token(url, token, "cli-operator", ["operators"])
    member = _call("PATCH", f"{url}/brands/{brand_id}/staff/{member_id}", bearer, json={"role": role}).json()
    console.print(_staff_table([member]))


@staff.command("remove")
def staff_remove(brand_id: str, member_id: str, url: Url = LOCAL_URL, token: Token = None) -> None:
    """Remove a member (they leave the brand's group) or withdraw an invitation."""
    bearer = _token(url, token, "cli-operator", ["operators"])
    _call("DELETE", f"{url}/brands/{brand_id}/staff/{member_id}", bearer)
    console.print(f"removed {member_id} from {brand_id}")


# seed and export


@app.command()
def seed(
    url: Url = LOCAL_URL,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="Ideas to load: title[,description[,tags]]")] = None,
    challenge: Annotated[str | None, typer.Option(help="The challenge the CSV's ideas go to.")] = None,
    token: Token = None,
) -> None:
    """Without --csv: the demo brand, challenge and ideas (the local cloud's `make run` data).
    With --csv: each row an idea submitted to --challenge (tags separated by ';')."""
    if csv_file is None:
        if not _is_local(url):
            fail("Demo data goes to the local cloud only; give --csv and --challenge for a stack.")
        seeded = seed_demo(url, lambda sub, groups: _token(url, None, sub, groups))
        ideas = len(seeded["ideaIds"])
        console.print(f"Seeded brand {seeded['brandId']!r}, challenge {seeded['challengeId']}, {ideas} ideas")
        return
    if challenge is None:
        fail("--csv needs --challenge.")
    bearer = _token(url, token, "cli-seed", [])
    rows = [row for row in csv.reader(io.StringIO(csv_file.read_text())) if row and row[0].strip()]
    if rows and rows[0][0].strip().lower() == "title":
        rows = rows[1:]
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=console) as progress:
        task = progress.add_task("Submitting", total=len(rows))
        for row in rows:
            tags = [tag for tag in (row[2].split(";") if len(row) > 2 else []) if tag]
            body = {"title": row[0].strip(), "description": row[1] if len(row) > 1 else "", "tags": tags}
            _call("POST", f"{url}/challenges/{challenge}/ideas", bearer, json=body)
            progress.advance(task)
    console.print(f"Submitted {len(rows)} ideas to {challenge}")


def export_pages(url: str, token: str, challenge: str, page_size: int = 500) -> Iterator[str]:
    """The export's pages (CSV text each, header row included), following X-Next-Cursor."""
    cursor = None
    while True:
        params = {"limit": page_size, **({"cursor": cursor} if cursor else {})}
        page = _call("GET", f"{url}/challenges/{challenge}/export", token, params=params)
        yield page.text
        if not (cursor := page.headers.get("X-Next-Cursor")):
            return


@app.command()
def export(
    challenge: str,
    out: Annotated[Path, typer.Option(help="The CSV file to write.")] = Path("ideas.csv"),
    url: Url = LOCAL_URL,
    token: Token = None,
    page_size: Annotated[int, typer.Option(min=1, max=500, help="Ideas per request.")] = 500,
) -> None:
    """Every idea of the challenge into one CSV (one header row), with a progress bar."""
    bearer = _token(url, token, "cli-operator", ["operators"])
    rows = 0
    with out.open("w", newline="") as file, Progress(console=console) as progress:
        task = progress.add_task("Exporting", total=None)
        for n, page in enumerate(export_pages(url, bearer, challenge, page_size)):
            lines = page.splitlines(keepends=True)
            file.writelines(lines if n == 0 else lines[1:])
            rows += len(lines) - 1
            progress.update(task, advance=len(lines) - 1, description=f"Exporting: {rows} ideas")
    console.print(f"{rows} ideas written to {out}")


# dead letters


def _sqs(url: str, stack: str | None) -> tuple[Any, dict[str, str]]:
    """An SQS client and the stack's queues by logical id (a deployed stack), or by name (local)."""
    import boto3  # noqa: PLC0415 - only the dlq commands need it

    if stack:
        resources = boto3.client("cloudformation").describe_stack_resources(StackName=stack)["StackResources"]
        queues = {
            r["LogicalResourceId"]: r["PhysicalResourceId"] for r in resources if r["ResourceType"] == "AWS::SQS::Queue"
        }
        return boto3.client("sqs"), queues
    if not _is_local(url):
        fail("Give --stack for a deployed stack.")
    moto = requests.get(f"{url}/_local/endpoints", timeout=10).json()["moto"]
    client = local_client("sqs", moto)
    urls = client.list_queues().get("QueueUrls", [])
    return client, {queue_url.rsplit("/", 1)[-1]: queue_url for queue_url in urls}


def _sources(client: Any, queues: Mapping[str, str]) -> dict[str, str]:
    """Dead-letter queue URL -> the queue that feeds it (from each queue's RedrivePolicy)."""
    fed: dict[str, str] = {}
    arns = {}
    for queue_url in queues.values():
        attributes = client.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn", "RedrivePolicy"])
        arns[attributes["Attributes"]["QueueArn"]] = queue_url
        if policy := attributes["Attributes"].get("RedrivePolicy"):
            fed[json.loads(policy)["deadLetterTargetArn"]] = queue_url
    return {arns[arn]: source for arn, source in fed.items() if arn in arns}


@app.command()
def migrate(
    url: Url = LOCAL_URL,
    stack: Annotated[str | None, typer.Option(help="A deployed stack's name (its tables from CloudFormation).")] = None,
) -> None:
    """Give older items the keys the current code finds them by: before API 3.2.0, those of a person's
    export and erasure; before 3.5.1, an unfollow's; before 3.7.0, a review's helpful sort key (once,
    after the deploy; running it again changes nothing)."""
    import boto3  # noqa: PLC0415 - only this command and dlq need it

    from infra.migrate import TABLES  # noqa: PLC0415
    from infra.migrate import migrate as run  # noqa: PLC0415

    if stack:
        resources = boto3.client("cloudformation").describe_stack_resources(StackName=stack)["StackResources"]
        tables = {
            r["LogicalResourceId"]: r["PhysicalResourceId"] for r in resources if r["LogicalResourceId"] in TABLES
        }
        client = boto3.client("dynamodb")
    else:
        if not _is_local(url):
            fail("Give --stack for a deployed stack.")
        endpoint = requests.get(f"{url}/_local/endpoints", timeout=10).json()["dynamodb"]
        resolver = _resolver({})
        tables = {logical_id: resolver.name(logical_id) for logical_id in TABLES}
        client = local_client("dynamodb", endpoint)
    changed = run(client, tables)
    table = Table("items", "moved to the new keys")
    for kind, count in sorted(changed.items()):
        table.add_row(kind, str(count))
    console.print(table if changed else "Nothing to migrate: every item has its keys.")


def _dead_letter_queues(queues: Mapping[str, str]) -> dict[str, str]:
    return {name: queue_url for name, queue_url in queues.items() if "DeadLetter" in name or "dlq" in name.lower()}


@dlq.command("list")
def dlq_list(
    url: Url = LOCAL_URL, stack: Annotated[str | None, typer.Option(help="A deployed stack's name.")] = None
) -> None:
    """Each dead-letter queue, how many messages wait there, and whether `redrive` can replay them."""
    client, queues = _sqs(url, stack)
    sources = _sources(client, queues)
    table = Table("queue", "waiting", "redrive to")
    for name, queue_url in sorted(_dead_letter_queues(queues).items()):
        waiting = client.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["ApproximateNumberOfMessages"])
        source = sources.get(queue_url)
        table.add_row(
            name,
            waiting["Attributes"]["ApproximateNumberOfMessages"],
            source.rsplit("/", 1)[-1] if source else "(stream or bus failures: see docs/operations.md)",
        )
    console.print(table)


@dlq.command("redrive")
def dlq_redrive(
    queue: Annotated[str, typer.Argument(help="The dead-letter queue (as `dlq list` names it).")],
    url: Url = LOCAL_URL,
    stack: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Move every message of a queue-fed dead-letter queue back to the queue that feeds it (each is
    sent, then deleted: a message is never lost, at worst delivered twice, which consumers dedupe)."""
    client, queues = _sqs(url, stack)
    dead = _dead_letter_queues(queues).get(queue)
    source = _sources(client, queues).get(dead or "")
    if dead is None or source is None:
        fail(f"{queue!r} is not a queue-fed dead-letter queue of this stack (see `cocreate dlq list`).")
    moved = 0
    while messages := client.receive_message(QueueUrl=dead, MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages"):
        for message in messages:
            client.send_message(QueueUrl=source, MessageBody=message["Body"])
            client.delete_message(QueueUrl=dead, ReceiptHandle=message["ReceiptHandle"])
            moved += 1
    console.print(f"{moved} messages moved from {queue} back to {source.rsplit('/', 1)[-1]}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
