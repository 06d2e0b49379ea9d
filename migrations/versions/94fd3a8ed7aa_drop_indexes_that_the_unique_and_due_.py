"""drop indexes that the unique and due indexes make redundant

Each of these columns leads another index already (``ix_sms_outbound_due`` on
status and send_after; the unique keys on survey_id and participant_id, and on
response_id and question_id), which serves every lookup by it. Each index is one
more page written with every text an SMS survey step stores.

Revision ID: 94fd3a8ed7aa
Revises: 747b1f58739e
Create Date: 2026-11-27 07:59:57.658469

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '94fd3a8ed7aa'
down_revision = '747b1f58739e'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('sms_outbound', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sms_outbound_status'))

    with op.batch_alter_table('survey_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_answer_response_id'))

    with op.batch_alter_table('survey_response', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_response_survey_id'))


def downgrade():
    with op.batch_alter_table('survey_response', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_response_survey_id'), ['survey_id'], unique=False)

    with op.batch_alter_table('survey_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_answer_response_id'), ['response_id'], unique=False)

    with op.batch_alter_table('sms_outbound', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sms_outbound_status'), ['status'], unique=False)
