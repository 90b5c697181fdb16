/// The course: every lesson, in order. A lesson's number is its place here (from 1).
public enum Course {
    /// A fresh value of every lesson, in course order; the sandbox is the last.
    public static func lessons() -> [any Lesson] {
        [
            WordsAsVectorsLesson(), ExplorerLesson(script: "02-features"), ExplorerLesson(script: "03-dot-product"),
            ExplorerLesson(script: "04-cosine"), ExplorerLesson(script: "05-scaled-dot"),
            ExplorerLesson(script: "06-similarity-table"), ExplorerLesson(script: "07-weighted-average"),
            ExplorerLesson(script: "08-softmax"), ExplorerLesson(script: "09-attention-pulls"),
            ExplorerLesson(script: "10-queries-and-keys"), ExplorerLesson(script: "11-values"),
            MultiHeadLesson(), LearningEmbeddingsLesson(),
            SandboxLesson(),
        ]
    }

    /// Titles and step texts, read once (for `lessons`, the title bar and validation).
    public static let scripts: [LessonScript] = lessons().map(\.script)

    public static var count: Int { scripts.count }

    /// The lesson that is free exploration with every panel: the last.
    public static var sandbox: Int { count }
}
