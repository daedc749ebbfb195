// Given names and surnames by language, for synthetic people. Common names only, no real persons intended.

export type Language = 'en' | 'de' | 'fr' | 'nl' | 'es' | 'it';

const split = (s: string): string[] => s.trim().split(/\s+/);

export const GIVEN_NAMES: Record<Language, string[]> = {
  en: split(`James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph
    Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew Betty Anthony Sandra Mark Margaret Donald
    Ashley Steven Kimberly Andrew Emily Paul Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa George
    Deborah Timothy Stephanie Ronald Rebecca Jason Sharon Edward Laura Jeffrey Cynthia Ryan Amy Jacob Kathleen Gary
    Angela Nicholas Shirley Eric Emma Jonathan Brenda Stephen Pamela Larry Nicole Justin Anna Scott Samantha Oliver
    Olivia Harry Amelia Jack Isla Charlie Ava Noah Mia Leo Grace Oscar Chloe Liam Sophie Aiden Ruby Conor Aoife Sean
    Niamh Ciaran Siobhan Priya Arjun Wei Mei Hiroshi Yuki Fatima Omar Aisha Ahmed`),
  de: split(`Lukas Anna Leon Lea Finn Hannah Jonas Mia Paul Emma Felix Sophie Maximilian Marie Elias Lena Ben Laura
    Noah Julia Tim Sarah Jan Lisa Niklas Katharina Tobias Johanna Florian Clara Stefan Sabine Andreas Petra Thomas
    Claudia Michael Monika Markus Susanne Christian Nicole Matthias Birgit Sebastian Anja Alexander Kerstin Daniel
    Melanie Jürgen Ute Wolfgang Heike Frank Silke Uwe Martina Klaus Gabriele Dirk Tanja Sven Jana Mehmet Ayse`),
  fr: split(`Gabriel Louise Léo Jade Raphaël Emma Arthur Alice Louis Chloé Lucas Léa Adam Manon Jules Camille Hugo
    Inès Maël Sarah Nathan Juliette Thomas Lucie Antoine Clara Nicolas Pauline Julien Mathilde Pierre Charlotte
    Alexandre Marie Maxime Anaïs Romain Élodie Guillaume Céline Sébastien Sandrine Olivier Nathalie Laurent Isabelle
    Philippe Sophie François Valérie Karim Nadia Yassine Amina`),
  nl: split(`Daan Emma Sem Julia Lucas Mila Levi Tess Finn Sophie Milan Zoë Jesse Sara Bram Anna Thijs Eva Ruben Lotte
    Lars Fleur Stijn Iris Sander Femke Jeroen Sanne Bas Marloes Martijn Anouk Niels Lieke Joost Esther Pieter Ingrid
    Wouter Karin Erik Monique Hans Linda Koen Annemieke`),
  es: split(`Hugo Lucía Martín Sofía Daniel Martina Pablo María Alejandro Paula Lucas Julia Álvaro Valeria Adrián Emma
    Mateo Daniela David Carmen Diego Ana Javier Laura Sergio Marta Jorge Cristina Carlos Elena Manuel Isabel Francisco
    Pilar Antonio Rosa José Raquel Miguel Beatriz Rafael Silvia Fernando Nuria Luis Patricia`),
  it: split(`Leonardo Sofia Francesco Aurora Alessandro Giulia Lorenzo Ginevra Mattia Alice Andrea Beatrice Gabriele
    Emma Riccardo Giorgia Tommaso Vittoria Marco Chiara Luca Francesca Giuseppe Elena Matteo Sara`),
};

export const SURNAMES: Record<Language, string[]> = {
  en: split(`Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Wilson Anderson
    Thomas Taylor Moore Jackson Martin Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright
    Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Evans Turner
    Phillips Parker Collins Edwards Stewart Morris Murphy Cook Rogers Morgan Cooper Peterson Reed Bailey Bell Kelly
    Howard Ward Cox Richardson Wood Watson Brooks Bennett Gray James Hughes Price Sanders Patel Shah Khan Ali Singh
    Chen Wang Kim Tanaka Byrne Ryan OBrien Walsh Doyle McCarthy Kennedy Lynch Murray Quinn Moloney Fitzgerald
    Davies Jenkins Lloyd Price Owen Hughes Griffiths Thomson Fraser Reid Ross Hamilton Graham Stevenson`),
  de: split(`Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter
    Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Schmitz Krause
    Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz
    Möller Weiß Jung Hahn Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke
    Albrecht Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer Yilmaz`),
  fr: split(`Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefebvre Leroy Roux
    David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller Lefèvre Faure André
    Mercier Blanc Guérin Boyer Garnier Chevalier François Legrand Gauthier Garcia Perrin Robin Clément Morin Nicolas
    Henry Roussel Mathieu Gautier Masson Marchand Duval Denis Dumont Marie Lemaire Noël Meyer Dufour Meunier Brun
    Blanchard Giraud Joly Rivière Lucas Brunet Gaillard Barbier Arnaud Martinez Gérard Roche Renard Schmitt Benali`),
  nl: split(`DeJong Jansen DeVries VanDenBerg VanDijk Bakker Janssen Visser Smit Meijer DeBoer Mulder DeGroot Bos
    Vos Peters Hendriks VanLeeuwen Dekker Brouwer DeWit Dijkstra Smits DeGraaf VanDerMeer VanDerLinden Kok Jacobs
    DeHaan Vermeulen VanDenHeuvel VanDerVeen VanDenBroek DeBruijn DeBruin VanDerHeijden Schouten VanBeek Willems
    VanVliet VanDeVen Hoekstra Maas Verhoeven Koster VanDam VanDerWal Prins Blom Huisman Peeters`),
  es: split(`García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández Díaz
    Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco
    Molina Morales Suárez Ortega Delgado Castro Ortiz Rubio Marín Sanz Núñez Iglesias Medina Garrido Cortés Castillo
    Santos Lozano Guerrero Cano Prieto Méndez Cruz Calvo Gallego Vidal León Márquez Herrera Peña Flores Cabrera`),
  it: split(`Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti DeLuca Mancini
    Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli`),
};

const DIACRITICS = /[\u0300-\u036f]/g;

/** A name as it appears in an e-mail local part: lower case, ASCII, no spaces or apostrophes. */
export function mailSafe(name: string): string {
  return name
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(DIACRITICS, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The display form of a surname: glued Dutch and Italian particles split ('VanDenBerg' → 'van den Berg'). */
export function displaySurname(surname: string, language: Language): string {
  if (surname === 'OBrien') return "O'Brien";
  if (language !== 'nl' && language !== 'it') return surname;
  const parts = surname.match(/[A-ZÀ-Ý][a-zà-ÿ]*/g) ?? [surname];
  if (parts.length === 1) return surname;
  if (language === 'it') return parts.join(' ');
  return parts.map((p, i) => (i < parts.length - 1 ? p.toLowerCase() : p)).join(' ');
}
