import type { FastifyInstance } from 'fastify';
import { endpoints } from '#protocol/endpoints.js';
import { HttpError } from '../http/errors.js';
import { sendStoredFile } from '../uploads/index.js';
import { ChatError, MESSAGES, type ChatService } from './service.js';

/**
 * `GET /chat/conversations/:conversationId/attachments/:id` with the conversation's token as
 * `Authorization: Bearer …`: a file of a message of that conversation (the operator's or the
 * citizen's own), as a download. No token, a wrong one, a closed-and-expired conversation, or a
 * file of another conversation: one 404, so nothing tells which ids exist.
 */
export function registerChatAttachmentRoute(app: FastifyInstance, options: { service: ChatService; uploadDir: string }): void {
  const { service, uploadDir } = options;
  const notFound = () => new HttpError(404, 'not_found', MESSAGES.attachmentNotFound);
  app.route({
    method: endpoints.chatAttachment.method,
    url: endpoints.chatAttachment.path,
    handler: async (request, reply) => {
      const { conversationId, id } = request.params as { conversationId: string; id: string };
      const token = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(request.headers.authorization ?? '')?.[1];
      if (!token) throw notFound();
      let file;
      try {
        file = await service.attachment(await service.authenticate(conversationId, token), id);
      } catch (error) {
        if (error instanceof ChatError) throw notFound();
        throw error;
      }
      return sendStoredFile(reply, uploadDir, file, notFound);
    },
  });
}
