import type { KeywordSet } from '../keywords.ts';

/** Spanish: the lists of keywords.ts (read the rules there) for pages in this language. */
export const KEYWORDS: Partial<KeywordSet> = {
  strong: [
    'c[oó]digo de (verificaci|confirmaci)[oó]n|código (de un solo uso|otp|sms)|clave dinámica',
    'contraseña de un solo uso|verificación en dos pasos',
  ],
  weak: ['c[oó]digo|verifica(r|ción)'],
  denyHard: [
    'c[oó]digo (promocional|postal)|cup[oó]n|descuento|tarjeta de regalo|buscar|búsqueda|fecha de nacimiento',
    'n[uú]mero de tarjeta',
  ],
  denySoft: ['tel[eé]fono|celular|móvil|contraseña|correo|usuario'],
  submit: ['verificar|confirmar|enviar|continuar|entrar'],
  resend: ['reenviar|volver a enviar'],
};
