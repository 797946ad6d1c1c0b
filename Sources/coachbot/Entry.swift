import CoachbotCLI

@main
struct Entry {
    static func main() async {
        await CoachbotCommand.main()
    }
}
