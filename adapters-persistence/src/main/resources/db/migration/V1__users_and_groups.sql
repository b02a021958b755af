-- Users, groups, and the one relation between them. A membership is stored once, so the user
-- view ("which groups is jsmith in") and the group view ("who is in admins") cannot disagree.
CREATE TABLE users (
    userid     varchar(64)  PRIMARY KEY,
    first_name text         NOT NULL,
    last_name  text         NOT NULL
);

CREATE TABLE groups (
    name varchar(64) PRIMARY KEY
);

CREATE TABLE memberships (
    group_name varchar(64) NOT NULL REFERENCES groups (name) ON DELETE CASCADE,
    userid     varchar(64) NOT NULL REFERENCES users (userid) ON DELETE CASCADE,
    PRIMARY KEY (group_name, userid)
);

-- the user view reads memberships by user
CREATE INDEX memberships_by_user ON memberships (userid, group_name);
