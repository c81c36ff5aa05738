-- A counter that moves whenever anything the comparison dashboard reads changes (figures,
-- indicators, plan targets, the Board's priorities, partnerships and their areas). Servers keep
-- the dashboard's inputs in memory and read them again only when it has moved, so every app
-- server (and the command-line import) stays in step.
CREATE TABLE data_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 1);

CREATE TRIGGER measurement_inserted AFTER INSERT ON measurement BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER measurement_updated AFTER UPDATE ON measurement BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER measurement_deleted AFTER DELETE ON measurement BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER indicator_inserted AFTER INSERT ON indicator BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER indicator_updated AFTER UPDATE ON indicator BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER indicator_deleted AFTER DELETE ON indicator BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER plan_measure_inserted AFTER INSERT ON plan_measure BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER plan_measure_updated AFTER UPDATE ON plan_measure BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER plan_measure_deleted AFTER DELETE ON plan_measure BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER board_priority_inserted AFTER INSERT ON board_priority BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER board_priority_updated AFTER UPDATE ON board_priority BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER board_priority_deleted AFTER DELETE ON board_priority BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER partnership_inserted AFTER INSERT ON partnership BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER partnership_updated AFTER UPDATE ON partnership BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER partnership_deleted AFTER DELETE ON partnership BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER partnership_area_inserted AFTER INSERT ON partnership_area BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER partnership_area_deleted AFTER DELETE ON partnership_area BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER area_inserted AFTER INSERT ON area BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER area_updated AFTER UPDATE ON area BEGIN UPDATE data_version SET version = version + 1; END;
