import HotlineCommands

@main
enum HotlineMain {
    static func main() async {
        await Hotline.main()
    }
}
