"""Sign-in and account forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from engage.auth.roles import ROLE_LABELS


class LoginForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    submit = SubmitField(_l("Sign in"))


class UserForm(FlaskForm):
    """An admin creates or edits a staff or board account."""

    email = EmailField(_l("Email address"), validators=[DataRequired(), Length(max=254)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    role = SelectField(_l("Role"), choices=[(r.value, label) for r, label in ROLE_LABELS.items()])
    preferred_language = SelectField(_l("Preferred language"))
    # Named after neither site_id nor site, so the account (obj=) never fills it on a POST.
    work_site = SelectField(
        _l("Site"),
        default="",
        description=_l("Where the person works; training can be assigned to everyone at a site."),
    )
    password = PasswordField(
        _l("Password"),
        description=_l("At least 12 characters. Leave empty to keep the current password."),
    )
    active = BooleanField(_l("Account is active"), default=True)
    submit = SubmitField(_l("Save"))


class AccountForm(FlaskForm):
    """A signed-in person changes their own language or password."""

    preferred_language = SelectField(_l("Preferred language"))
    new_password = PasswordField(
        _l("New password"), description=_l("At least 12 characters. Leave empty to keep it.")
    )
    confirm_password = PasswordField(
        _l("Repeat the new password"),
        validators=[EqualTo("new_password", message=_l("The two passwords do not match."))],
    )
    submit = SubmitField(_l("Save"))
