import { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseRecords1795350492056 implements MigrationInterface {
  name = 'CaseRecords1795350492056';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "warrants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', "unit_id" uuid NOT NULL, "voided_at" TIMESTAMP WITH TIME ZONE, "voided_by" uuid, "void_reason" character varying(500), "operation_id" uuid, "reference" character varying(40) NOT NULL, "type" character varying(60) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'applied', "granted_at" TIMESTAMP WITH TIME ZONE, "executed_at" TIMESTAMP WITH TIME ZONE, "location_area" character varying(40), "children_safeguarded" integer NOT NULL DEFAULT '0', "outcome" character varying(500), CONSTRAINT "PK_46da8a883c846eafa79486de6a5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_warrants_operation" ON "warrants"  ("operation_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_warrants_unit_executed" ON "warrants"  ("unit_id", "executed_at") WHERE status = 'executed' AND voided_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "arrests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', "unit_id" uuid NOT NULL, "voided_at" TIMESTAMP WITH TIME ZONE, "voided_by" uuid, "void_reason" character varying(500), "operation_id" uuid, "warrant_id" uuid, "arrested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "suspect_ref" character varying(40) NOT NULL, "offence_code" character varying(20) NOT NULL, "outcome" character varying(32), CONSTRAINT "PK_f7c81b7a344692906e8b0983b69" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_arrests_warrant" ON "arrests"  ("warrant_id") `);
    await queryRunner.query(`CREATE INDEX "ix_arrests_operation" ON "arrests"  ("operation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_arrests_unit_arrested" ON "arrests"  ("unit_id", "arrested_at") WHERE voided_at IS NULL`);
    await queryRunner.query(
      `CREATE TABLE "exhibits" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', "unit_id" uuid NOT NULL, "voided_at" TIMESTAMP WITH TIME ZONE, "voided_by" uuid, "void_reason" character varying(500), "operation_id" uuid, "warrant_id" uuid, "reference" character varying(40) NOT NULL, "item_type" character varying(16) NOT NULL, "seized_at" TIMESTAMP WITH TIME ZONE NOT NULL, "seal_number" character varying(40), "description" character varying(200), "sha256" character(64), "forensic_status" character varying(16) NOT NULL DEFAULT 'awaiting', CONSTRAINT "PK_63888935e8c674f871d4f851eea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_exhibits_warrant" ON "exhibits"  ("warrant_id") `);
    await queryRunner.query(`CREATE INDEX "ix_exhibits_operation" ON "exhibits"  ("operation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_exhibits_unit_seized" ON "exhibits"  ("unit_id", "seized_at") WHERE voided_at IS NULL`);
    await queryRunner.query(
      `CREATE TABLE "exhibit_movements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', "unit_id" uuid NOT NULL, "voided_at" TIMESTAMP WITH TIME ZONE, "voided_by" uuid, "void_reason" character varying(500), "exhibit_id" uuid NOT NULL, "moved_at" TIMESTAMP WITH TIME ZONE NOT NULL, "from_location" character varying(80) NOT NULL, "to_location" character varying(80) NOT NULL, "reason" character varying(200) NOT NULL, "seal_number" character varying(40), CONSTRAINT "PK_2342b6bbe33f9616efc39a4f27d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_exhibit_movements_exhibit" ON "exhibit_movements"  ("exhibit_id", "moved_at") `);
    await queryRunner.query(
      `CREATE TABLE "safeguarding_visits" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', "unit_id" uuid NOT NULL, "voided_at" TIMESTAMP WITH TIME ZONE, "voided_by" uuid, "void_reason" character varying(500), "operation_id" uuid, "warrant_id" uuid, "visited_at" TIMESTAMP WITH TIME ZONE NOT NULL, "children_safeguarded" integer NOT NULL DEFAULT '0', "agencies_notified" character varying(200), "outcome" character varying(500), CONSTRAINT "PK_a6146bb2d3ae12395426d3901a6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_safeguarding_visits_operation" ON "safeguarding_visits"  ("operation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_safeguarding_visits_unit_visited" ON "safeguarding_visits"  ("unit_id", "visited_at") WHERE voided_at IS NULL`);
    await queryRunner.query(
      `CREATE TABLE "referrals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', "unit_id" uuid NOT NULL, "voided_at" TIMESTAMP WITH TIME ZONE, "voided_by" uuid, "void_reason" character varying(500), "source" character varying(16) NOT NULL, "reference" character varying(40) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "risk_grade" character varying(16) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'received', "operation_id" uuid, CONSTRAINT "PK_ea9980e34f738b6252817326c08" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_referrals_operation" ON "referrals"  ("operation_id") `);
    await queryRunner.query(`CREATE INDEX "ix_referrals_unit_received" ON "referrals"  ("unit_id", "received_at") WHERE voided_at IS NULL`);
    await queryRunner.query(
      `ALTER TABLE "warrants" ADD CONSTRAINT "FK_88523703f98b3df1ddcb50251ac" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "warrants" ADD CONSTRAINT "FK_ae265011869d62a5986a6938db0" FOREIGN KEY ("operation_id") REFERENCES "operations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "arrests" ADD CONSTRAINT "FK_543058fb3ff80e21f10292b00c3" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "arrests" ADD CONSTRAINT "FK_b7056051f3eac3f9ff9b3ea7132" FOREIGN KEY ("operation_id") REFERENCES "operations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "arrests" ADD CONSTRAINT "FK_13ed44e7f77a675b9922f8d8950" FOREIGN KEY ("warrant_id") REFERENCES "warrants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exhibits" ADD CONSTRAINT "FK_f979da3350ab05182cdea4bb622" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exhibits" ADD CONSTRAINT "FK_41016829b8fa218148a73f93dfa" FOREIGN KEY ("operation_id") REFERENCES "operations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exhibits" ADD CONSTRAINT "FK_491518670167c299a9c88632757" FOREIGN KEY ("warrant_id") REFERENCES "warrants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exhibit_movements" ADD CONSTRAINT "FK_3292ec3e67ce8941657e1ba5f5d" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exhibit_movements" ADD CONSTRAINT "FK_ea39530b644534fbd538911fbc5" FOREIGN KEY ("exhibit_id") REFERENCES "exhibits"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safeguarding_visits" ADD CONSTRAINT "FK_07bcf55287a72ecf30569b3c615" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safeguarding_visits" ADD CONSTRAINT "FK_179ee5a0b240960343277399bfc" FOREIGN KEY ("operation_id") REFERENCES "operations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safeguarding_visits" ADD CONSTRAINT "FK_f424ff8206fbd73b2de8e8089a8" FOREIGN KEY ("warrant_id") REFERENCES "warrants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "FK_7e6d10d4321d64d93b20edbbbd9" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "FK_3f9453890ed58e5e1503d18daa8" FOREIGN KEY ("operation_id") REFERENCES "operations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_3f9453890ed58e5e1503d18daa8"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_7e6d10d4321d64d93b20edbbbd9"`);
    await queryRunner.query(`ALTER TABLE "safeguarding_visits" DROP CONSTRAINT "FK_f424ff8206fbd73b2de8e8089a8"`);
    await queryRunner.query(`ALTER TABLE "safeguarding_visits" DROP CONSTRAINT "FK_179ee5a0b240960343277399bfc"`);
    await queryRunner.query(`ALTER TABLE "safeguarding_visits" DROP CONSTRAINT "FK_07bcf55287a72ecf30569b3c615"`);
    await queryRunner.query(`ALTER TABLE "exhibit_movements" DROP CONSTRAINT "FK_ea39530b644534fbd538911fbc5"`);
    await queryRunner.query(`ALTER TABLE "exhibit_movements" DROP CONSTRAINT "FK_3292ec3e67ce8941657e1ba5f5d"`);
    await queryRunner.query(`ALTER TABLE "exhibits" DROP CONSTRAINT "FK_491518670167c299a9c88632757"`);
    await queryRunner.query(`ALTER TABLE "exhibits" DROP CONSTRAINT "FK_41016829b8fa218148a73f93dfa"`);
    await queryRunner.query(`ALTER TABLE "exhibits" DROP CONSTRAINT "FK_f979da3350ab05182cdea4bb622"`);
    await queryRunner.query(`ALTER TABLE "arrests" DROP CONSTRAINT "FK_13ed44e7f77a675b9922f8d8950"`);
    await queryRunner.query(`ALTER TABLE "arrests" DROP CONSTRAINT "FK_b7056051f3eac3f9ff9b3ea7132"`);
    await queryRunner.query(`ALTER TABLE "arrests" DROP CONSTRAINT "FK_543058fb3ff80e21f10292b00c3"`);
    await queryRunner.query(`ALTER TABLE "warrants" DROP CONSTRAINT "FK_ae265011869d62a5986a6938db0"`);
    await queryRunner.query(`ALTER TABLE "warrants" DROP CONSTRAINT "FK_88523703f98b3df1ddcb50251ac"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referrals_unit_received"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referrals_operation"`);
    await queryRunner.query(`DROP TABLE "referrals"`);
    await queryRunner.query(`DROP INDEX "public"."ix_safeguarding_visits_unit_visited"`);
    await queryRunner.query(`DROP INDEX "public"."ix_safeguarding_visits_operation"`);
    await queryRunner.query(`DROP TABLE "safeguarding_visits"`);
    await queryRunner.query(`DROP INDEX "public"."ix_exhibit_movements_exhibit"`);
    await queryRunner.query(`DROP TABLE "exhibit_movements"`);
    await queryRunner.query(`DROP INDEX "public"."ix_exhibits_unit_seized"`);
    await queryRunner.query(`DROP INDEX "public"."ix_exhibits_operation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_exhibits_warrant"`);
    await queryRunner.query(`DROP TABLE "exhibits"`);
    await queryRunner.query(`DROP INDEX "public"."ix_arrests_unit_arrested"`);
    await queryRunner.query(`DROP INDEX "public"."ix_arrests_operation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_arrests_warrant"`);
    await queryRunner.query(`DROP TABLE "arrests"`);
    await queryRunner.query(`DROP INDEX "public"."ix_warrants_unit_executed"`);
    await queryRunner.query(`DROP INDEX "public"."ix_warrants_operation"`);
    await queryRunner.query(`DROP TABLE "warrants"`);
  }
}
