// The bare webhook address: Graph's validation handshake is answered here too, but notification bodies are
// refused unread — every subscription posts to its own `/api/notifications/{secret}`.
export { POST } from "./[secret]/route";
