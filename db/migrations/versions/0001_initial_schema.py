"""initial schema: countries, disciplines, organisations, creators, projects

Revision ID: 0001
Revises:
Create Date: 2026-11-23 04:32:36.592760
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "country",
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("native_language", sa.String(length=2), nullable=False),
        sa.Column(
            "cis_status",
            sa.Enum(
                "MEMBER",
                "ASSOCIATE",
                "OBSERVER",
                "FORMER",
                "NONE",
                name="cisstatus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_country")),
    )
    op.create_table(
        "sector",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sector")),
        sa.UniqueConstraint("slug", name=op.f("uq_sector_slug")),
    )
    op.create_table(
        "country_indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value_added_minor", sa.BigInteger(), nullable=True),
        sa.Column("value_added_currency", sa.String(length=3), nullable=True),
        sa.Column("people_employed", sa.Integer(), nullable=True),
        sa.Column("share_of_gdp_basis_points", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["country.code"],
            name=op.f("fk_country_indicator_country_code_country"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_country_indicator")),
        sa.UniqueConstraint(
            "country_code", "year", name=op.f("uq_country_indicator_country_code_year")
        ),
    )
    with op.batch_alter_table("country_indicator", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_country_indicator_country_code"), ["country_code"], unique=False
        )

    op.create_table(
        "creator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("handle", sa.String(length=40), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("bio", sa.Text(), nullable=False),
        sa.Column("open_to_collaboration", sa.Boolean(), nullable=False),
        sa.Column("is_mentor", sa.Boolean(), nullable=False),
        sa.Column("portfolio", sa.JSON(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_code"], ["country.code"], name=op.f("fk_creator_country_code_country")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_creator")),
        sa.UniqueConstraint("handle", name=op.f("uq_creator_handle")),
    )
    with op.batch_alter_table("creator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_creator_birth_year"), ["birth_year"], unique=False)
        batch_op.create_index(batch_op.f("ix_creator_country_code"), ["country_code"], unique=False)

    op.create_table(
        "discipline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=60), nullable=False),
        sa.Column("sector_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sector_id"], ["sector.id"], name=op.f("fk_discipline_sector_id_sector")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discipline")),
        sa.UniqueConstraint("slug", name=op.f("uq_discipline_slug")),
    )
    with op.batch_alter_table("discipline", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_discipline_sector_id"), ["sector_id"], unique=False)

    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "STUDIO",
                "COMPANY",
                "UNIVERSITY",
                "SCHOOL",
                "FUND",
                "TECHNOPARK",
                "GOVERNMENT",
                "NGO",
                "ASSOCIATION",
                "MEDIA",
                name="organisationkind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("founded_year", sa.Integer(), nullable=True),
        sa.Column("member_since", sa.Date(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_code"], ["country.code"], name=op.f("fk_organisation_country_code_country")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
        sa.UniqueConstraint("slug", name=op.f("uq_organisation_slug")),
    )
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisation_country_code"), ["country_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_organisation_kind"), ["kind"], unique=False)

    op.create_table(
        "affiliation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("creator_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "until IS NULL OR until >= since", name=op.f("ck_affiliation_until_after_since")
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["creator.id"],
            name=op.f("fk_affiliation_creator_id_creator"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_affiliation_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_affiliation")),
    )
    with op.batch_alter_table("affiliation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_affiliation_creator_id"), ["creator_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_affiliation_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "creator_discipline",
        sa.Column("creator_id", sa.Integer(), nullable=False),
        sa.Column("discipline_id", sa.Integer(), nullable=False),
        sa.Column(
            "level",
            sa.Enum(
                "BEGINNER",
                "INTERMEDIATE",
                "ADVANCED",
                "EXPERT",
                "MASTER",
                name="skilllevel",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("years_of_experience", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "years_of_experience >= 0", name=op.f("ck_creator_discipline_years_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["creator.id"],
            name=op.f("fk_creator_discipline_creator_id_creator"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["discipline_id"],
            ["discipline.id"],
            name=op.f("fk_creator_discipline_discipline_id_discipline"),
        ),
        sa.PrimaryKeyConstraint("creator_id", "discipline_id", name=op.f("pk_creator_discipline")),
    )
    with op.batch_alter_table("creator_discipline", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_creator_discipline_discipline_id"), ["discipline_id"], unique=False
        )

    op.create_table(
        "creator_language",
        sa.Column("creator_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column(
            "proficiency",
            sa.Enum(
                "BASIC",
                "CONVERSATIONAL",
                "PROFESSIONAL",
                "FLUENT",
                "NATIVE",
                name="languageproficiency",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["creator.id"],
            name=op.f("fk_creator_language_creator_id_creator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("creator_id", "language", name=op.f("pk_creator_language")),
    )
    with op.batch_alter_table("creator_language", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_creator_language_language"), ["language"], unique=False
        )

    op.create_table(
        "organisation_discipline",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("discipline_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["discipline_id"],
            ["discipline.id"],
            name=op.f("fk_organisation_discipline_discipline_id_discipline"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_organisation_discipline_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "organisation_id", "discipline_id", name=op.f("pk_organisation_discipline")
        ),
    )
    with op.batch_alter_table("organisation_discipline", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisation_discipline_discipline_id"), ["discipline_id"], unique=False
        )

    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "DRAFT",
                "SEEKING_PARTNERS",
                "IN_PROGRESS",
                "COMPLETED",
                "CANCELLED",
                name="projectstatus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("lead_organisation_id", sa.Integer(), nullable=True),
        sa.Column("lead_creator_id", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("budget_minor", sa.BigInteger(), nullable=True),
        sa.Column("budget_currency", sa.String(length=3), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(budget_minor IS NULL) = (budget_currency IS NULL)",
            name=op.f("ck_project_budget_has_currency"),
        ),
        sa.CheckConstraint(
            "budget_minor IS NULL OR budget_minor >= 0", name=op.f("ck_project_budget_not_negative")
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date", name=op.f("ck_project_ends_after_start")
        ),
        sa.CheckConstraint(
            "lead_organisation_id IS NOT NULL OR lead_creator_id IS NOT NULL",
            name=op.f("ck_project_has_lead"),
        ),
        sa.ForeignKeyConstraint(
            ["lead_creator_id"],
            ["creator.id"],
            name=op.f("fk_project_lead_creator_id_creator"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["lead_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_project_lead_organisation_id_organisation"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project")),
        sa.UniqueConstraint("slug", name=op.f("uq_project_slug")),
    )
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_lead_creator_id"), ["lead_creator_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_project_lead_organisation_id"), ["lead_organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_project_status"), ["status"], unique=False)

    op.create_table(
        "open_role",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("discipline_id", sa.Integer(), nullable=False),
        sa.Column("required_languages", sa.JSON(), nullable=False),
        sa.Column(
            "seniority",
            sa.Enum(
                "BEGINNER",
                "INTERMEDIATE",
                "ADVANCED",
                "EXPERT",
                "MASTER",
                name="skilllevel",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("headcount", sa.Integer(), nullable=False),
        sa.Column("filled_count", sa.Integer(), nullable=False),
        sa.Column("remote_allowed", sa.Boolean(), nullable=False),
        sa.Column("preferred_countries", sa.JSON(), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "filled_count >= 0 AND filled_count <= headcount",
            name=op.f("ck_open_role_filled_in_range"),
        ),
        sa.CheckConstraint("headcount >= 1", name=op.f("ck_open_role_headcount_positive")),
        sa.ForeignKeyConstraint(
            ["discipline_id"], ["discipline.id"], name=op.f("fk_open_role_discipline_id_discipline")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_open_role_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_open_role")),
    )
    with op.batch_alter_table("open_role", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_open_role_discipline_id"), ["discipline_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_open_role_is_open"), ["is_open"], unique=False)
        batch_op.create_index(batch_op.f("ix_open_role_project_id"), ["project_id"], unique=False)

    op.create_table(
        "participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("creator_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "(creator_id IS NULL) <> (organisation_id IS NULL)",
            name=op.f("ck_participant_exactly_one_member"),
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["creator.id"],
            name=op.f("fk_participant_creator_id_creator"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_participant_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_participant_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant")),
        sa.UniqueConstraint(
            "project_id", "creator_id", name=op.f("uq_participant_project_id_creator_id")
        ),
        sa.UniqueConstraint(
            "project_id", "organisation_id", name=op.f("uq_participant_project_id_organisation_id")
        ),
    )
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_participant_creator_id"), ["creator_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_participant_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_participant_project_id"), ["project_id"], unique=False)

    op.create_table(
        "project_discipline",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("discipline_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["discipline_id"],
            ["discipline.id"],
            name=op.f("fk_project_discipline_discipline_id_discipline"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_project_discipline_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("project_id", "discipline_id", name=op.f("pk_project_discipline")),
    )
    with op.batch_alter_table("project_discipline", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_discipline_discipline_id"), ["discipline_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("project_discipline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_discipline_discipline_id"))

    op.drop_table("project_discipline")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_project_id"))
        batch_op.drop_index(batch_op.f("ix_participant_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_participant_creator_id"))

    op.drop_table("participant")
    with op.batch_alter_table("open_role", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_open_role_project_id"))
        batch_op.drop_index(batch_op.f("ix_open_role_is_open"))
        batch_op.drop_index(batch_op.f("ix_open_role_discipline_id"))

    op.drop_table("open_role")
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_status"))
        batch_op.drop_index(batch_op.f("ix_project_lead_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_project_lead_creator_id"))

    op.drop_table("project")
    with op.batch_alter_table("organisation_discipline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_discipline_discipline_id"))

    op.drop_table("organisation_discipline")
    with op.batch_alter_table("creator_language", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_creator_language_language"))

    op.drop_table("creator_language")
    with op.batch_alter_table("creator_discipline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_creator_discipline_discipline_id"))

    op.drop_table("creator_discipline")
    with op.batch_alter_table("affiliation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_affiliation_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_affiliation_creator_id"))

    op.drop_table("affiliation")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_kind"))
        batch_op.drop_index(batch_op.f("ix_organisation_country_code"))

    op.drop_table("organisation")
    with op.batch_alter_table("discipline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_discipline_sector_id"))

    op.drop_table("discipline")
    with op.batch_alter_table("creator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_creator_country_code"))
        batch_op.drop_index(batch_op.f("ix_creator_birth_year"))

    op.drop_table("creator")
    with op.batch_alter_table("country_indicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_country_indicator_country_code"))

    op.drop_table("country_indicator")
    op.drop_table("sector")
    op.drop_table("country")
