-- Every change to a gateway token takes the next value, so an instance reloads
-- exactly the rows changed since the highest version it has seen.
CREATE SEQUENCE "gateway_tokens_version_seq";
