import type { KeywordSet } from '../keywords.ts';

/** Portuguese: the lists of keywords.ts (read the rules there) for pages in this language. */
export const KEYWORDS: Partial<KeywordSet> = {
  strong: ['c[oó]digo de (verifica|confirma)[cç][aã]o|senha de uso único|verificação em duas etapas'],
  weak: ['c[oó]digo|verifica(r|ção)'],
  denyHard: [
    'cupom|cupão|desconto|vale presente|cartão (de )?presente|pesquisar|data de nascimento|n[uú]mero do cart[aã]o',
    'cep', // portuguese-cep-address
  ],
  denySoft: ['telefone|senha'],
  submit: ['verificar|confirmar|enviar|continuar|entrar'],
  resend: ['reenviar'],
};
