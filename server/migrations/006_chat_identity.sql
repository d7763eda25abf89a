-- A chat started with the host site's signed identity token (chat/identity.ts): the person the
-- site vouches for. Both NULL for an anonymous chat.
ALTER TABLE chat_conversations ADD COLUMN verified_subject TEXT;
ALTER TABLE chat_conversations ADD COLUMN verified_name TEXT;
