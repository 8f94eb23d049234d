// Words too common to say what a text or a file is about: English, Portuguese (accents folded) and code keywords.

const ENGLISH = `a about above after again against all also am an and any are as at be been before being below
between both but by can could did do does doing done down during each either else etc even ever every few for
from further had has have having he her here hers him his how however i if in into is it its itself just least
let like may me might more most much must my no nor not now of off on once one only or other our ours out over
own per same shall she should since so some such than that the their theirs them then there these they this
those through thus to too under until up upon us very via was way we were what when where whether which while
who whom whose why will with within without would yet you your yours`;

const PORTUGUESE = `a ao aos as ate com como contra da das de dela dele deles demais depois deve devem deverá
devera do dos e ela elas ele eles em entao entre era essa essas esse esses esta estao estas este estes eu foi
for foram ha isso isto ja la lhe lhes mais mas me mesmo meu minha muito na nas nao nem no nos nossa nosso num
numa o os ou para pela pelas pelo pelos pode podem por porque pois qual quais quando que quem se seja sejam sem
ser sera serao seu seus sido so sobre sua suas tambem tem tendo ter teu tu tua um uma umas uns vai vao voce
voces via cada todo toda todos todas outro outra outros outras onde apos aqui ali isso aquilo aquele aquela
apenas somente ainda sempre nunca agora antes durante desde sob bem pouco menos assim porem contudo entretanto
caso enquanto logo entao fazer faz feito feita garante garantir retorna retornar precisa precisar precisam usa
usar usado usada permite permitir pode podem sendo estar esta fica ficar existe existir possui possuir contem
conter inclui incluir deve devem exemplo ja ha sao seria sera vez vezes forma modo parte`;

const CODE = `abstract async await bool boolean break catch char const continue def del elif else export extends
false fn func function impl implements import instanceof int interface lambda let namespace nil none null override
pass private protected pub public readonly return self static str super switch this throw throws true try typeof
undefined unsafe using val var void while yield`;

/** Folded, lower-case stop words; a constant built once and never changed. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `${ENGLISH} ${PORTUGUESE} ${CODE}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/\s+/)
    .filter((word) => word !== ''),
);
