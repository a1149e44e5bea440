import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-out ends a session (the `sid` claim every token of one sign-in carries) on every server
 * instance. A row here is the whole record: the session's tokens are refused from then on. A
 * row is only of use until the session could have ended anyway (`expires_at`, the twelve-hour
 * limit from sign-in), so servers load only live rows. Each insert notifies every instance on
 * haven_session_ended with the session id, the same way user changes reach the actor cache.
 */
export class SessionRevocations1795380000000 implements MigrationInterface {
  name = 'SessionRevocations1795380000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE session_revocations (
                session_id uuid PRIMARY KEY,
                user_id uuid NOT NULL REFERENCES users(id),
                revoked_at timestamptz NOT NULL DEFAULT now(),
                expires_at timestamptz NOT NULL,
                reason varchar(40) NOT NULL
            )`);
    await queryRunner.query(`CREATE INDEX session_revocations_expires_at ON session_revocations (expires_at)`);
    await queryRunner.query(`
            CREATE FUNCTION haven_notify_session_ended() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('haven_session_ended', NEW.session_id::text);
                RETURN NULL;
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER session_revocations_notify AFTER INSERT ON session_revocations FOR EACH ROW EXECUTE FUNCTION haven_notify_session_ended()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER session_revocations_notify ON session_revocations`);
    await queryRunner.query(`DROP FUNCTION haven_notify_session_ended()`);
    await queryRunner.query(`DROP TABLE session_revocations`);
  }
}
