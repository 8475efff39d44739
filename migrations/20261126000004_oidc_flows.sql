-- Sign-ins in progress with the OpenID provider: the state sent there, the PKCE verifier
-- and the nonce to check on return, and where to go after. A row lives ten minutes and is
-- used once.
CREATE TABLE oidc_flows (
    state      TEXT   PRIMARY KEY,
    verifier   TEXT   NOT NULL,
    nonce      TEXT   NOT NULL,
    next       TEXT   NOT NULL,
    lang       TEXT   NOT NULL,
    expires_at BIGINT NOT NULL
);
