package demo

// Names drawn with their frequency in France, so that the demo data has the homonyms a
// real list has (many Martin, Marie and Jean) and the duplicate rules are measured on them.
// Weights are births in thousands, rounded to two figures: family names from INSEE's
// births 1891–1990 (as Géopatronyme publishes them), first names from INSEE's Fichier
// des prénoms (births 1900–2020). A household draws from these national lists or, as
// often, from the Roubaix lists of names.go (uniformly): the association's public mixes
// old northern families with families from elsewhere.
type weightedName struct {
	name   string
	weight float64
}

var nationalLastNames = []weightedName{
	{"Martin", 236}, {"Bernard", 105}, {"Thomas", 95}, {"Petit", 93}, {"Robert", 91}, {"Richard", 89}, {"Durand", 84},
	{"Dubois", 84}, {"Moreau", 81}, {"Laurent", 77}, {"Simon", 76}, {"Michel", 73}, {"Lefebvre", 72}, {"Leroy", 70},
	{"Roux", 67}, {"David", 65}, {"Bertrand", 64}, {"Morel", 64}, {"Fournier", 63}, {"Girard", 62}, {"Bonnet", 61},
	{"Dupont", 60}, {"Lambert", 60}, {"Fontaine", 59}, {"Rousseau", 59}, {"Vincent", 58}, {"Muller", 58}, {"Lefèvre", 58},
	{"Faure", 57}, {"André", 57}, {"Mercier", 56}, {"Blanc", 56}, {"Guérin", 55}, {"Boyer", 55}, {"Garnier", 54},
	{"Chevalier", 54}, {"François", 54}, {"Legrand", 53}, {"Gauthier", 53}, {"Garcia", 53}, {"Perrin", 53}, {"Robin", 52},
	{"Clément", 52}, {"Morin", 51}, {"Nicolas", 51}, {"Henry", 51}, {"Roussel", 50}, {"Mathieu", 50}, {"Gautier", 50},
	{"Masson", 50}, {"Marchand", 49}, {"Duval", 49}, {"Denis", 48}, {"Dumont", 48}, {"Marie", 47}, {"Lemaire", 47},
	{"Noël", 46}, {"Meyer", 46}, {"Dufour", 45}, {"Meunier", 45}, {"Brun", 45}, {"Blanchard", 44}, {"Giraud", 44},
	{"Joly", 44}, {"Rivière", 43}, {"Lucas", 43}, {"Brunet", 43}, {"Gaillard", 42}, {"Barbier", 42}, {"Arnaud", 42},
	{"Martinez", 41}, {"Gérard", 41}, {"Roche", 41}, {"Renard", 40}, {"Schmitt", 40}, {"Roy", 40}, {"Leroux", 39},
	{"Colin", 39}, {"Vidal", 39}, {"Caron", 38}, {"Picard", 38}, {"Roger", 38}, {"Fabre", 38}, {"Aubert", 37},
	{"Lemoine", 37}, {"Renaud", 37}, {"Dumas", 37}, {"Lacroix", 36}, {"Olivier", 36}, {"Philippe", 36}, {"Bourgeois", 35},
	{"Pierre", 35}, {"Benoît", 35}, {"Rey", 35}, {"Leclerc", 34}, {"Payet", 34}, {"Rolland", 34}, {"Leclercq", 34},
	{"Guillaume", 34}, {"Lecomte", 33}, {"Lopez", 33}, {"Jean", 33}, {"Dupuy", 33}, {"Guillot", 33}, {"Hubert", 32},
	{"Berger", 32}, {"Carpentier", 32}, {"Sanchez", 32}, {"Dupuis", 32}, {"Moulin", 31}, {"Louis", 31}, {"Deschamps", 31},
	{"Huet", 31}, {"Vasseur", 30}, {"Perez", 30}, {"Boucher", 30}, {"Fleury", 30}, {"Royer", 30}, {"Klein", 30},
	{"Jacquet", 29}, {"Adam", 29}, {"Paris", 29}, {"Poirier", 29}, {"Marty", 29}, {"Aubry", 28}, {"Guyot", 28},
	{"Carré", 28}, {"Charles", 28}, {"Renault", 28}, {"Charpentier", 27}, {"Ménard", 27}, {"Maillard", 27}, {"Baron", 27},
	{"Bertin", 27}, {"Bailly", 27}, {"Hervé", 26}, {"Schneider", 26}, {"Fernandez", 26}, {"Le Gall", 26}, {"Collet", 26},
	{"Léger", 26}, {"Bouvier", 25}, {"Julien", 25}, {"Prévost", 25}, {"Millet", 25}, {"Perrot", 25}, {"Daniel", 25},
	{"Le Roux", 25}, {"Cousin", 24}, {"Germain", 24}, {"Breton", 24}, {"Besson", 24}, {"Langlois", 24}, {"Rémy", 24},
	{"Le Goff", 24}, {"Pelletier", 24}, {"Lévêque", 23}, {"Perrier", 23}, {"Leblanc", 23}, {"Barré", 23}, {"Lebrun", 23},
	{"Marchal", 23}, {"Weber", 23}, {"Mallet", 23}, {"Hamon", 22}, {"Boulanger", 22}, {"Jacob", 22}, {"Monnier", 22},
	{"Michaud", 22}, {"Rodriguez", 22}, {"Guichard", 22}, {"Gillet", 22}, {"Étienne", 21}, {"Grondin", 21}, {"Poulain", 21},
	{"Tessier", 21}, {"Chevallier", 21}, {"Collin", 21}, {"Chauvin", 21}, {"Da Silva", 21}, {"Bouchet", 21}, {"Gay", 20},
	{"Lemaître", 20}, {"Bénard", 20}, {"Maréchal", 20}, {"Humbert", 20}, {"Reynaud", 20}, {"Antoine", 20}, {"Hoarau", 20},
	{"Perret", 20}, {"Barthélemy", 20}, {"Cordier", 20}, {"Pichon", 20}, {"Lejeune", 20}, {"Gilbert", 19}, {"Lamy", 19},
	{"Delaunay", 19}, {"Pasquier", 19}, {"Carlier", 19}, {"Laporte", 19},
}

var nationalFemaleFirstNames = []weightedName{
	{"Marie", 2250}, {"Jeanne", 560}, {"Françoise", 540}, {"Monique", 530}, {"Catherine", 500}, {"Nathalie", 490},
	{"Isabelle", 480}, {"Jacqueline", 470}, {"Anne", 430}, {"Sylvie", 420}, {"Martine", 410}, {"Madeleine", 390},
	{"Nicole", 390}, {"Suzanne", 360}, {"Hélène", 350}, {"Christine", 340}, {"Marguerite", 330}, {"Denise", 330},
	{"Louise", 320}, {"Christiane", 310}, {"Yvonne", 300}, {"Valérie", 290}, {"Sophie", 280}, {"Germaine", 270},
	{"Julie", 240}, {"Céline", 240}, {"Sandrine", 230}, {"Stéphanie", 230}, {"Véronique", 230}, {"Chantal", 220},
	{"Camille", 190}, {"Laura", 180}, {"Léa", 180}, {"Manon", 170}, {"Emma", 160}, {"Aurélie", 160}, {"Patricia", 160},
	{"Brigitte", 160}, {"Simone", 160}, {"Claire", 150}, {"Émilie", 150}, {"Sarah", 140}, {"Pauline", 140}, {"Chloé", 130},
	{"Mathilde", 110}, {"Inès", 90}, {"Jade", 90}, {"Lina", 60}, {"Marie-Claire", 40}, {"Anne-Marie", 120},
	{"Marie-Thérèse", 90}, {"Marie-Christine", 80}, {"Marie-France", 50},
}

var nationalMaleFirstNames = []weightedName{
	{"Jean", 1900}, {"Pierre", 880}, {"Michel", 820}, {"André", 710}, {"Philippe", 590}, {"Louis", 590}, {"Alain", 560},
	{"Jacques", 550}, {"René", 540}, {"Bernard", 510}, {"Marcel", 470}, {"Daniel", 460}, {"Roger", 430}, {"Robert", 430},
	{"Paul", 420}, {"Claude", 420}, {"Christian", 400}, {"Henri", 390}, {"Georges", 370}, {"Nicolas", 360},
	{"François", 350}, {"Patrick", 340}, {"Gérard", 330}, {"Christophe", 320}, {"Joseph", 310}, {"Julien", 300},
	{"Maurice", 290}, {"Thomas", 280}, {"Éric", 270}, {"Frédéric", 260}, {"David", 260}, {"Stéphane", 260},
	{"Pascal", 250}, {"Sébastien", 240}, {"Laurent", 240}, {"Alexandre", 230}, {"Olivier", 220}, {"Thierry", 210},
	{"Raymond", 200}, {"Jean-Pierre", 180}, {"Lucas", 170}, {"Hugo", 150}, {"Antoine", 150}, {"Maxime", 150},
	{"Kévin", 130}, {"Jean-Claude", 140}, {"Jean-Marie", 100}, {"Jean-Luc", 90}, {"Théo", 110}, {"Nathan", 110},
	{"Mohamed", 80}, {"Léo", 90}, {"Gabriel", 90},
}
