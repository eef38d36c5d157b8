-- Browser sign-in accounts kept by BugBridge itself: today the demo admin and demo customer that
-- the embedded default creates on its first start. Accounts configured in properties or the
-- environment are not stored here (the configuration stays their single source). Passwords are
-- stored only as hashes in Spring Security's "{id}hash" form, e.g. {bcrypt}$2a$10$...
CREATE TABLE signin_user (
    email          VARCHAR(320)  NOT NULL PRIMARY KEY,
    display_name   VARCHAR(255),
    password_hash  VARCHAR(255)  NOT NULL,
    roles          VARCHAR(64)   NOT NULL,
    customer_id    VARCHAR(128),
    origin         VARCHAR(16)   NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
