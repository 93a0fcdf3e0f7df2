"""Contains all the data models used in inputs/outputs"""

from .action import Action
from .answer_view import AnswerView
from .appeal_filed_view import AppealFiledView
from .appeal_request import AppealRequest
from .appeal_view import AppealView
from .attempt_page import AttemptPage
from .attempt_view import AttemptView
from .audit_page import AuditPage
from .audit_view import AuditView
from .audit_view_details import AuditViewDetails
from .badge import Badge
from .badge_view import BadgeView
from .brand_create import BrandCreate
from .brand_page import BrandPage
from .brand_patch import BrandPatch
from .brand_points_view import BrandPointsView
from .brand_view import BrandView
from .case_view import CaseView
from .case_view_reportreasons import CaseViewReportreasons
from .case_view_scores import CaseViewScores
from .challenge_create import ChallengeCreate
from .challenge_create_phasedates import ChallengeCreatePhasedates
from .challenge_create_phaserules import ChallengeCreatePhaserules
from .challenge_create_statuslabels import ChallengeCreateStatuslabels
from .challenge_page import ChallengePage
from .challenge_patch import ChallengePatch
from .challenge_patch_phasedates import ChallengePatchPhasedates
from .challenge_patch_phaserules import ChallengePatchPhaserules
from .challenge_patch_statuslabels import ChallengePatchStatuslabels
from .challenge_view import ChallengeView
from .challenge_view_phasedates import ChallengeViewPhasedates
from .challenge_view_phaserules import ChallengeViewPhaserules
from .challenge_view_phaserules_additional_property import (
    ChallengeViewPhaserulesAdditionalProperty,
)
from .challenge_view_ratelimits import ChallengeViewRatelimits
from .challenge_view_statuslabels import ChallengeViewStatuslabels
from .change_preferences_body import ChangePreferencesBody
from .change_preferences_body_additional_property import (
    ChangePreferencesBodyAdditionalProperty,
)
from .choice_count_view import ChoiceCountView
from .comment_create import CommentCreate
from .comment_edit import CommentEdit
from .comment_page import CommentPage
from .comment_view import CommentView
from .decision_request import DecisionRequest
from .erasure_request import ErasureRequest
from .erasure_state import ErasureState
from .erasure_view import ErasureView
from .export_state import ExportState
from .export_view import ExportView
from .field_problem import FieldProblem
from .follow_reason import FollowReason
from .helpful_vote_view import HelpfulVoteView
from .idea_create import IdeaCreate
from .idea_page import IdeaPage
from .idea_patch import IdeaPatch
from .idea_sort import IdeaSort
from .idea_status import IdeaStatus
from .idea_view import IdeaView
from .invitation_list import InvitationList
from .ladder_view import LadderView
from .leaderboard_page import LeaderboardPage
from .mark_read import MarkRead
from .marked_read import MarkedRead
from .merge_request import MergeRequest
from .milestone_model import MilestoneModel
from .milestone_view import MilestoneView
from .moderation_mode import ModerationMode
from .notification_page import NotificationPage
from .notification_view import NotificationView
from .number_summary_view import NumberSummaryView
from .phase import Phase
from .phase_switches import PhaseSwitches
from .preferences_view import PreferencesView
from .preferences_view_preferences import PreferencesViewPreferences
from .preferences_view_preferences_additional_property import (
    PreferencesViewPreferencesAdditionalProperty,
)
from .problem import Problem
from .profile_change import ProfileChange
from .profile_view import ProfileView
from .pseudonymisation_request import PseudonymisationRequest
from .question_kind import QuestionKind
from .question_summary_view import QuestionSummaryView
from .queue_page import QueuePage
from .rate_limit_model import RateLimitModel
from .rate_limit_view import RateLimitView
from .rate_limits_model import RateLimitsModel
from .rating_view import RatingView
from .rating_view_histogram import RatingViewHistogram
from .reason_code import ReasonCode
from .report_request import ReportRequest
from .review_answer import ReviewAnswer
from .review_page import ReviewPage
from .review_sort import ReviewSort
from .review_view import ReviewView
from .review_write import ReviewWrite
from .similar_idea_view import SimilarIdeaView
from .similar_ideas_view import SimilarIdeasView
from .staff_invite import StaffInvite
from .staff_member_view import StaffMemberView
from .staff_note_create import StaffNoteCreate
from .staff_note_page import StaffNotePage
from .staff_note_view import StaffNoteView
from .staff_page import StaffPage
from .staff_patch import StaffPatch
from .staff_role import StaffRole
from .staff_state import StaffState
from .standing_view import StandingView
from .status_change_request import StatusChangeRequest
from .status_change_view import StatusChangeView
from .subscription_view import SubscriptionView
from .survey_question_model import SurveyQuestionModel
from .survey_question_view import SurveyQuestionView
from .survey_view import SurveyView
from .target_type import TargetType
from .trend_point_view import TrendPointView
from .trend_view import TrendView
from .unsubscribe_view import UnsubscribeView
from .vote_model import VoteModel
from .vote_page import VotePage
from .vote_request import VoteRequest
from .vote_request_answers_type_0 import VoteRequestAnswersType0
from .vote_request_value import VoteRequestValue
from .vote_view import VoteView
from .vote_view_answers import VoteViewAnswers
from .votes import Votes
from .webhook_create import WebhookCreate
from .webhook_list import WebhookList
from .webhook_view import WebhookView

__all__ = (
    "Action",
    "AnswerView",
    "AppealFiledView",
    "AppealRequest",
    "AppealView",
    "AttemptPage",
    "AttemptView",
    "AuditPage",
    "AuditView",
    "AuditViewDetails",
    "Badge",
    "BadgeView",
    "BrandCreate",
    "BrandPage",
    "BrandPatch",
    "BrandPointsView",
    "BrandView",
    "CaseView",
    "CaseViewReportreasons",
    "CaseViewScores",
    "ChallengeCreate",
    "ChallengeCreatePhasedates",
    "ChallengeCreatePhaserules",
    "ChallengeCreateStatuslabels",
    "ChallengePage",
    "ChallengePatch",
    "ChallengePatchPhasedates",
    "ChallengePatchPhaserules",
    "ChallengePatchStatuslabels",
    "ChallengeView",
    "ChallengeViewPhasedates",
    "ChallengeViewPhaserules",
    "ChallengeViewPhaserulesAdditionalProperty",
    "ChallengeViewRatelimits",
    "ChallengeViewStatuslabels",
    "ChangePreferencesBody",
    "ChangePreferencesBodyAdditionalProperty",
    "ChoiceCountView",
    "CommentCreate",
    "CommentEdit",
    "CommentPage",
    "CommentView",
    "DecisionRequest",
    "ErasureRequest",
    "ErasureState",
    "ErasureView",
    "ExportState",
    "ExportView",
    "FieldProblem",
    "FollowReason",
    "HelpfulVoteView",
    "IdeaCreate",
    "IdeaPage",
    "IdeaPatch",
    "IdeaSort",
    "IdeaStatus",
    "IdeaView",
    "InvitationList",
    "LadderView",
    "LeaderboardPage",
    "MarkedRead",
    "MarkRead",
    "MergeRequest",
    "MilestoneModel",
    "MilestoneView",
    "ModerationMode",
    "NotificationPage",
    "NotificationView",
    "NumberSummaryView",
    "Phase",
    "PhaseSwitches",
    "PreferencesView",
    "PreferencesViewPreferences",
    "PreferencesViewPreferencesAdditionalProperty",
    "Problem",
    "ProfileChange",
    "ProfileView",
    "PseudonymisationRequest",
    "QuestionKind",
    "QuestionSummaryView",
    "QueuePage",
    "RateLimitModel",
    "RateLimitsModel",
    "RateLimitView",
    "RatingView",
    "RatingViewHistogram",
    "ReasonCode",
    "ReportRequest",
    "ReviewAnswer",
    "ReviewPage",
    "ReviewSort",
    "ReviewView",
    "ReviewWrite",
    "SimilarIdeasView",
    "SimilarIdeaView",
    "StaffInvite",
    "StaffMemberView",
    "StaffNoteCreate",
    "StaffNotePage",
    "StaffNoteView",
    "StaffPage",
    "StaffPatch",
    "StaffRole",
    "StaffState",
    "StandingView",
    "StatusChangeRequest",
    "StatusChangeView",
    "SubscriptionView",
    "SurveyQuestionModel",
    "SurveyQuestionView",
    "SurveyView",
    "TargetType",
    "TrendPointView",
    "TrendView",
    "UnsubscribeView",
    "VoteModel",
    "VotePage",
    "VoteRequest",
    "VoteRequestAnswersType0",
    "VoteRequestValue",
    "Votes",
    "VoteView",
    "VoteViewAnswers",
    "WebhookCreate",
    "WebhookList",
    "WebhookView",
)
