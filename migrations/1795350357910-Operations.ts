import { MigrationInterface, QueryRunner } from 'typeorm';

export class Operations1795350357910 implements MigrationInterface {
  name = 'Operations1795350357910';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "operations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', "unit_id" uuid NOT NULL, "voided_at" TIMESTAMP WITH TIME ZONE, "voided_by" uuid, "void_reason" character varying(500), "name" character varying(60) NOT NULL, "reference" character varying(40) NOT NULL, "starts_on" date NOT NULL, "ends_on" date, "status" character varying(16) NOT NULL DEFAULT 'planned', "description" character varying(1000), CONSTRAINT "PK_7b62d84d6f9912b975987165856" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_operations_reference" ON "operations"  ("reference") WHERE voided_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "ix_operations_unit_starts" ON "operations"  ("unit_id", "starts_on") `);
    await queryRunner.query(
      `ALTER TABLE "operations" ADD CONSTRAINT "FK_05413d941068d44d0dfb1c99a27" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "operations" DROP CONSTRAINT "FK_05413d941068d44d0dfb1c99a27"`);
    await queryRunner.query(`DROP INDEX "public"."ix_operations_unit_starts"`);
    await queryRunner.query(`DROP INDEX "public"."uq_operations_reference"`);
    await queryRunner.query(`DROP TABLE "operations"`);
  }
}
