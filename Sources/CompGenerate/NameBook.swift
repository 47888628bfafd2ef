/// People's names for synthetic participants: first and last names combined by index.
struct NameBook {
    private let first = ["Anna", "Ben", "Chloe", "David", "Elena", "Farah", "Gabriel", "Hannah", "Isabel", "Jonas",
                         "Kenji", "Laura", "Marco", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Samir", "Tessa"]
    private let last = ["Kowalska", "Carter", "Nguyen", "Okafor", "Petrova", "Haddad", "Santos", "Schultz", "García",
                        "Becker", "Tanaka", "Rossi", "Bianchi", "Dubois", "Ali", "Sharma", "Moreau", "Silva", "Haas", "Lind"]

    func name(_ index: Int) -> String { "\(first[index % first.count]) \(last[(index / first.count) % last.count])" }
}
