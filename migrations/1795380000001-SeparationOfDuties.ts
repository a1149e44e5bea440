import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Separation of duties for admins (issue 13, point 2).
 *
 * - users.must_change_password: a new account's or a reset password is one-time; until its owner
 *   replaces it, sign-in gets nothing but the way to change it.
 * - users.awaiting_approval: an account created in a role that needs a second admin's approval
 *   (admin, auditor, central-team officer or supervisor) exists but stays disabled until approved.
 * - users.admin_vouchers: everyone whose request or approval made this account an admin, and
 *   theirs before them; none of them may have their own requests approved by it.
 * - user_change_requests: the pending-change record (four eyes): who asked for what, at which
 *   version of the account, and who approved or refused it, when and why.
 */
export class SeparationOfDuties1795380000001 implements MigrationInterface {
  name = 'SeparationOfDuties1795380000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "users" ADD "awaiting_approval" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "users" ADD "admin_vouchers" uuid[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE TABLE "user_change_requests" (
            "id" uuid NOT NULL DEFAULT gen_random_uuid(),
            "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid,
            "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid,
            "version" integer NOT NULL DEFAULT '1',
            "user_id" uuid NOT NULL,
            "unit_id" uuid NOT NULL,
            "kind" character varying(16) NOT NULL,
            "role" character varying(16) NOT NULL,
            "from_role" character varying(16),
            "from_unit_id" uuid,
            "user_version" integer NOT NULL,
            "status" character varying(16) NOT NULL DEFAULT 'pending',
            "decided_by" uuid,
            "decided_at" TIMESTAMP WITH TIME ZONE,
            "decision_reason" character varying(500),
            CONSTRAINT "pk_user_change_requests" PRIMARY KEY ("id"),
            CONSTRAINT "ck_user_change_requests_kind" CHECK ("kind" IN ('create', 'change')),
            CONSTRAINT "ck_user_change_requests_status" CHECK ("status" IN ('pending', 'approved', 'refused')),
            CONSTRAINT "ck_user_change_requests_decided" CHECK (("status" = 'pending') = ("decided_by" IS NULL)),
            CONSTRAINT "ck_user_change_requests_four_eyes" CHECK ("decided_by" IS NULL OR "decided_by" <> "created_by"),
            CONSTRAINT "fk_user_change_requests_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT,
            CONSTRAINT "fk_user_change_requests_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT
        )`);
    // One open request per account: a second would race the first for the same version.
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_user_change_requests_pending" ON "user_change_requests" ("user_id") WHERE "status" = 'pending'`);
    await queryRunner.query(`CREATE INDEX "ix_user_change_requests_status" ON "user_change_requests" ("status", "created_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "user_change_requests"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "admin_vouchers"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "awaiting_approval"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "must_change_password"`);
  }
}
