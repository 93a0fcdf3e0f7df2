"""A brand's staff: its admins invite, list, re-role and remove admins and moderators; an
invitee accepts (stacks on an external issuer). See decision 59."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body

from functions.ideas import wiring
from functions.ideas.staff_schemas import InvitationList, StaffInvite, StaffMemberView, StaffPage, StaffPatch
from shared.domain.principal import Principal
from shared.http import (
    DEFAULT_LIMIT,
    SECURED,
    Cursor,
    IdempotencyKey,
    IdPath,
    IfMatch,
    Limit,
    json_response,
    matched_version,
    problem_responses,
    tagged,
    tagged_response,
)
from shared.services import staff as staff_service

router = Router()  # type: ignore[no-untyped-call]


def caller() -> Principal:
    return wiring.caller(router.current_event.raw_event)


@router.post(
    "/brands/<brandId>/staff",
    summary="Invite an admin or moderator by email (brand admins, operators)",
    description=(
        "With the stack's own user pool the person is a member at once: their account is found by"
        " address (or made, and Cognito emails them a temporary password) and put in the brand's group,"
        " which their next token carries. With an external issuer the invitation (state invited) waits"
        " 14 days for them to accept it, signed in with that verified address. Inviting a pending"
        " address again renews its invitation; an active member is a 409 (change the role with PATCH)."
    ),
    security=SECURED,
    responses={
        201: {"description": "Invited (or added)", "content": {"application/json": {"model": StaffMemberView}}},
        **problem_responses(400, 401, 403, 404, 409, 413, 415, 422),
    },
)
def invite_staff(
    brandId: IdPath,  # noqa: N803 - path names are the contract's
    body: Annotated[StaffInvite, Body()],
    idempotency_key: IdempotencyKey = None,
) -> Response[Any]:
    principal = caller()

    def command() -> dict[str, Any]:
        member = staff_service.invite(
            principal,
            brandId,
            body.email,
            body.role,
            brands=wiring.brands,
            staff=wiring.staff,
            directory=wiring.directory,
        )
        return StaffMemberView.of(member).model_dump(mode="json")

    view = wiring.idempotent.run(
        f"invite_staff:{brandId}", str(principal.user_id), idempotency_key, body.model_dump(mode="json"), command
    )
    location = f"/brands/{brandId}/staff/{view['memberId']}"
    return json_response(201, StaffMemberView.model_validate(view), {"Location": location})


@router.get(
    "/brands/<brandId>/staff",
    summary="The brand's admins and moderators, and pending invitations (its staff, operators)",
    security=SECURED,
    responses={200: {"description": "A page of staff"}, **problem_responses(401, 404, 422)},
)
def list_staff(brandId: IdPath, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None) -> StaffPage:  # noqa: N803
    scope = f"staff:{brandId}"
    page = staff_service.list_staff(
        caller(),
        brandId,
        brands=wiring.brands,
        staff=wiring.staff,
        limit=limit,
        start=wiring.cursors.decode(cursor, scope),
    )
    return StaffPage(
        items=[StaffMemberView.of(member) for member in page.items],
        next_cursor=wiring.cursors.encode(page.next_key, scope),
    )


@router.patch(
    "/brands/<brandId>/staff/<memberId>",
    summary="Change a member's role (brand admins, operators)",
    security=SECURED,
    responses={
        **tagged("The member", StaffMemberView),
        **problem_responses(400, 401, 403, 404, 409, 412, 413, 415, 422),
    },
)
def change_staff_role(
    brandId: IdPath,  # noqa: N803
    memberId: IdPath,  # noqa: N803
    body: Annotated[StaffPatch, Body()],
    if_match: IfMatch = None,
) -> Response[Any]:
    member = staff_service.change_role(
        caller(),
        brandId,
        memberId,
        body.role,
        brands=wiring.brands,
        staff=wiring.staff,
        directory=wiring.directory,
        expected_version=matched_version(if_match),
    )
    return tagged_response(StaffMemberView.of(member), member.version)


@router.delete(
    "/brands/<brandId>/staff/<memberId>",
    summary="Remove a member or withdraw an invitation (brand admins, operators; members may leave)",
    description=(
        "With the stack's own user pool the person leaves the brand's group and is signed out"
        " everywhere: a token issued before keeps its groups until it expires (an hour by default)."
    ),
    security=SECURED,
    responses={204: {"description": "Removed", "content": {}}, **problem_responses(401, 403, 404, 409, 422)},
)
def remove_staff(brandId: IdPath, memberId: IdPath) -> Response[Any]:  # noqa: N803
    staff_service.remove(
        caller(), brandId, memberId, brands=wiring.brands, staff=wiring.staff, directory=wiring.directory
    )
    return Response(status_code=204)


@router.get(
    "/me/invitations",
    summary="Your pending staff invitations (by the verified email of your token)",
    security=SECURED,
    responses={200: {"description": "Your invitations"}, **problem_responses(401, 422)},
)
def my_invitations() -> InvitationList:
    members = staff_service.my_invitations(caller(), wiring.staff)
    return InvitationList(items=[StaffMemberView.of(member) for member in members])


@router.post(
    "/me/invitations/<brandId>/accept",
    summary="Accept a brand's staff invitation (sign in with the invited, verified address)",
    security=SECURED,
    responses={
        200: {"description": "You are a member", "content": {"application/json": {"model": StaffMemberView}}},
        **problem_responses(401, 403, 404, 409, 422),
    },
)
def accept_invitation(brandId: IdPath) -> StaffMemberView:  # noqa: N803
    return StaffMemberView.of(staff_service.accept(caller(), brandId, wiring.staff))
