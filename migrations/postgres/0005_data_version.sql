-- A counter that moves whenever anything the comparison dashboard reads changes (figures,
-- indicators, plan targets, the Board's priorities, partnerships and their areas). Servers keep
-- the dashboard's inputs in memory and read them again only when it has moved, so every app
-- server (and the command-line import) stays in step. Statement-level triggers: one bump per
-- statement, however many rows it writes.
CREATE TABLE data_version (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 1);

CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_version SET version = version + 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER measurement_changed AFTER INSERT OR UPDATE OR DELETE ON measurement
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER indicator_changed AFTER INSERT OR UPDATE OR DELETE ON indicator
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER plan_measure_changed AFTER INSERT OR UPDATE OR DELETE ON plan_measure
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER board_priority_changed AFTER INSERT OR UPDATE OR DELETE ON board_priority
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER partnership_changed AFTER INSERT OR UPDATE OR DELETE ON partnership
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER partnership_area_changed AFTER INSERT OR DELETE ON partnership_area
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER area_changed AFTER INSERT OR UPDATE ON area
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
