"""campaigns may offer a personal web link beside the text survey

Revision ID: 5b1e0c7d2a94
Revises: 94fd3a8ed7aa
Create Date: 2026-11-27 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b1e0c7d2a94'
down_revision = '94fd3a8ed7aa'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('sms_campaign', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('offers_web_link', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('sms_campaign', schema=None) as batch_op:
        batch_op.drop_column('offers_web_link')
