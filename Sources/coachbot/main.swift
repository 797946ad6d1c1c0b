import CoachbotCLI

await CoachbotCommand.main()
