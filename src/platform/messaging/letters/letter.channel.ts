import { type ChannelSender, PermanentSendError } from '../channels.ts';
import { preparePostalAddress } from './address.ts';

/**
 * Letters for people with neither phone nor email. `prepare` checks the postal address when the
 * message is queued (a bad one is recorded as invalid with the reason, in French). Sending posts
 * nothing: the message waits « à imprimer » until an agent of its organisation puts it in a batch,
 * prints the batch's PDF and marks it posted (letters.service.ts).
 */
export function letterChannel(): ChannelSender {
  return {
    channel: 'letter',
    prepare: ({ recipient }) => preparePostalAddress(recipient),
    async send(message, content) {
      if (!('paragraphs' in content)) {
        throw new PermanentSendError(`le modèle ${message.template} ne produit pas une lettre`);
      }
      if (!message.organisationId) {
        // Only an organisation's agents can print and post it: without one, nobody would ever see it.
        throw new PermanentSendError(
          'une lettre doit appartenir à une organisation, qui l’imprime et l’envoie',
        );
      }
      return { provider: 'letter', status: 'to_print' };
    },
  };
}
