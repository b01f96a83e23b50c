package demo

// Names as met in a Roubaix food-aid association: old Flemish and northern French
// families, North African, West African, Portuguese, Polish and Asian families.
var lastNames = []string{
	"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
	"Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "Fournier", "Lambert", "Girard", "Bonnet", "Dupont",
	"Lefebvre", "Mercier", "Blanc", "Guérin", "Boyer", "Chevalier", "François", "Legrand", "Gauthier", "Perrin",
	"Morel", "Rousseau", "Mathieu", "Clément", "Gaillard", "Barbier", "Arnaud", "Roussel", "Dufour", "Delattre",
	"Desmet", "Vandenbussche", "Deconinck", "Vanhoutte", "Dhondt", "Lecomte", "Lesage", "Delcroix", "Crépin", "Ménard",
	"Lemaître", "Hénon", "Dewitte", "Vandamme", "Verbeke", "Delannoy", "Six", "Decottignies", "Carpentier", "Duhamel",
	"Benali", "Haddad", "Mansouri", "Belkacem", "Bouzid", "Cherif", "Amrani", "El Amrani", "Ben Salah", "Aït Saïd",
	"Bakkali", "Boudjemaa", "Khelifi", "Meziane", "Saïdi", "Hamidi", "Zerrouki", "Ouali", "Benmoussa", "Lahlou",
	"Diallo", "Traoré", "Koné", "Diop", "Ndiaye", "Ouédraogo", "Camara", "Sissoko", "Keïta", "Mbemba",
	"Da Silva", "Dos Santos", "Ferreira", "Pereira", "Gonçalves", "Rodrigues", "Kowalski", "Nowak", "Wiśniewski", "Nguyen",
	"Tran", "Le Goff", "Saint-Martin", "Le Gall", "De Smet", "Van Damme", "Ben Youssef", "N'Diaye", "D'Hondt", "Lefèbvre-Dumont",
}

var femaleFirstNames = []string{
	"Marie", "Inès", "Léa", "Chloé", "Émilie", "Hélène", "Anaïs", "Zoé", "Fatima", "Aïcha",
	"Yasmine", "Sarah", "Nadia", "Sandrine", "Nathalie", "Isabelle", "Christine", "Brigitte", "Françoise", "Monique",
	"Marie-Claire", "Anne-Sophie", "Marie-Thérèse", "Céline", "Océane", "Maëlys", "Noémie", "Amina", "Khadija", "Mélissa",
	"Ophélie", "Jeanne", "Louise", "Camille", "Manon", "Jade", "Lina", "Sofia", "Aya", "Nour",
	"Fatoumata", "Aminata", "Mariam", "Djamila", "Leïla", "Samira", "Malika", "Josiane", "Ginette", "Jocelyne",
	"Marie-Ange", "Rose-Marie", "Élodie", "Gaëlle", "Agnès", "Béatrice", "Cécile", "Danièle", "Geneviève", "Thérèse",
}

var maleFirstNames = []string{
	"Jean", "Pierre", "Michel", "André", "Jean-Pierre", "Jean-Claude", "Jean-François", "François", "Noël", "Jérôme",
	"Stéphane", "Sébastien", "Frédéric", "Thierry", "Mohamed", "Karim", "Rachid", "Youssef", "Mehdi", "Ibrahim",
	"Mamadou", "Moussa", "Lucas", "Hugo", "Théo", "Nathan", "Enzo", "Louis", "Gabriel", "Adam",
	"Noah", "Rayan", "Ilyès", "Raphaël", "Loïc", "Gaël", "Benoît", "Rémi", "Anaël", "Gérard",
	"Abdelkader", "Saïd", "Bilal", "Amadou", "Ousmane", "Joël", "Hervé", "Jean-Marc", "Jean-Luc", "Marc-Antoine",
	"Bruno", "Patrick", "Daniel", "Christophe", "Éric", "Yannick", "Kévin", "Dylan", "Léo", "Timéo",
}

var streets = []string{
	"rue de l'Épeule", "rue de Lannoy", "boulevard de Belfort", "rue Pierre de Roubaix", "rue du Fontenoy",
	"rue de Tourcoing", "avenue Jean Lebas", "rue de l'Alma", "rue du Coq Français", "rue Jules Guesde",
	"rue de Mouvaux", "boulevard Gambetta", "rue de Wasquehal", "rue Sainte-Thérèse", "rue des Arts",
}

var volunteers = []string{"Josiane", "Bernard", "Fatima", "Gérard", "Nicole", "Ahmed"}
