-- Job definitions and their runs (docs/jobs.md). Times are UTC instants.
CREATE TABLE job (
    name         VARCHAR(64)   PRIMARY KEY,
    notebook     VARCHAR(1024) NOT NULL,
    mode         VARCHAR(16)   NOT NULL,
    cron         VARCHAR(256),
    time_zone    VARCHAR(64)   NOT NULL,
    params       CLOB          NOT NULL,
    paused       BOOLEAN       NOT NULL,
    active       BOOLEAN       NOT NULL,
    revision     VARCHAR(32)   NOT NULL,
    main_class   VARCHAR(256)  NOT NULL,
    project_dir  VARCHAR(1024) NOT NULL,
    starting_offsets CLOB,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE run (
    id            VARCHAR(40)  PRIMARY KEY,
    job           VARCHAR(64)  NOT NULL REFERENCES job(name) ON DELETE CASCADE,
    trigger       VARCHAR(16)  NOT NULL,
    attempt       INT          NOT NULL,
    scheduled_for TIMESTAMP WITH TIME ZONE,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at      TIMESTAMP WITH TIME ZONE,
    status        VARCHAR(16)  NOT NULL,
    exit_code     INT,
    error         CLOB,
    failure       VARCHAR(32),
    log_path      VARCHAR(1024),
    pid           BIGINT,
    pid_started   VARCHAR(40),
    params        CLOB         NOT NULL,
    revision      VARCHAR(32)  NOT NULL,
    queries       CLOB
);

CREATE INDEX run_by_job ON run(job, started_at);
