"""The delegate side: who comes (delegates.py) and the rest of a training's life: materials,
attendance per day, the evaluation survey, certificates and the notices sent about them."""

from .attendance import Attendance
from .certificates import Certificate
from .delegates import (
    PERSON_KEY_LENGTH,
    Officer,
    ProvinceQuota,
    Registration,
    RegistrationChange,
    RegistrationSettings,
    new_code,
    normalise_phone,
    validate_phone,
)
from .exports import ExportJob
from .materials import Material
from .notices import Notice
from .surveys import Answer, Question, Survey, SurveyReceipt, SurveyResponse

__all__ = [
    "PERSON_KEY_LENGTH",
    "Answer",
    "Attendance",
    "Certificate",
    "ExportJob",
    "Material",
    "Notice",
    "Officer",
    "ProvinceQuota",
    "Question",
    "Registration",
    "RegistrationChange",
    "RegistrationSettings",
    "Survey",
    "SurveyReceipt",
    "SurveyResponse",
    "new_code",
    "normalise_phone",
    "validate_phone",
]
