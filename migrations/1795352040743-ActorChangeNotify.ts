import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Servers cache who a token speaks for; any change that could alter that (a user disabled,
 * re-roled, moved, or a token version bump; a unit changing kind) notifies every instance on
 * the channel haven_actor_changed, so caches drop the entry within milliseconds of commit.
 */
export class ActorChangeNotify1795352040743 implements MigrationInterface {
  name = 'ActorChangeNotify1795352040743';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE FUNCTION haven_notify_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('haven_actor_changed', OLD.id::text);
                RETURN NULL;
            END $$`);
    await queryRunner.query(`
            CREATE FUNCTION haven_notify_units_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('haven_actor_changed', '*');
                RETURN NULL;
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER users_actor_changed AFTER UPDATE OF disabled, token_version, role, unit_id OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION haven_notify_user_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER units_actor_changed AFTER UPDATE OF kind OR DELETE ON units FOR EACH STATEMENT EXECUTE FUNCTION haven_notify_units_changed()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER units_actor_changed ON units`);
    await queryRunner.query(`DROP TRIGGER users_actor_changed ON users`);
    await queryRunner.query(`DROP FUNCTION haven_notify_units_changed()`);
    await queryRunner.query(`DROP FUNCTION haven_notify_user_changed()`);
  }
}
