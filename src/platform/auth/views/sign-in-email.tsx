import { renderToString } from 'preact-render-to-string';

const timeFormat = new Intl.DateTimeFormat('fr-FR', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});

/**
 * The sign-in email, as plain text and as simple HTML (rendered with preact, so the name and the link
 * are escaped). The text part is complete on its own: some agents' mail clients show only text.
 */
export function signInEmail(input: {
  firstName: string;
  url: string;
  expiresAt: Date;
  validityMinutes: number;
}): { subject: string; text: string; html: string } {
  const until = timeFormat.format(input.expiresAt).replace(':', ' h ');
  const validity = `Ce lien est valable ${input.validityMinutes} minutes (jusqu’à ${until}, heure de Paris) et ne sert qu’une fois.`;
  const text = [
    `Bonjour ${input.firstName},`,
    '',
    'Pour vous connecter à Tremplin, ouvrez ce lien :',
    input.url,
    '',
    validity,
    '',
    'Si vous n’avez pas demandé à vous connecter, ignorez ce message : personne ne peut se connecter sans ce lien.',
    '',
    '— Tremplin, la plateforme des startups de territoire',
  ].join('\n');
  const html = renderToString(
    <div style="font-family: Marianne, Arial, sans-serif; color: #161616; max-width: 36em">
      <p>Bonjour {input.firstName},</p>
      <p>Pour vous connecter à Tremplin, ouvrez ce lien :</p>
      <p>
        <a
          href={input.url}
          style="display: inline-block; padding: 0.5em 1em; background: #000091; color: #ffffff; text-decoration: none"
        >
          Me connecter à Tremplin
        </a>
      </p>
      <p style="font-size: 0.875em">
        Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :<br />
        {input.url}
      </p>
      <p>{validity}</p>
      <p>
        Si vous n’avez pas demandé à vous connecter, ignorez ce message : personne ne peut se connecter sans
        ce lien.
      </p>
      <p>— Tremplin, la plateforme des startups de territoire</p>
    </div>,
  );
  return { subject: 'Votre lien de connexion à Tremplin', text, html };
}
