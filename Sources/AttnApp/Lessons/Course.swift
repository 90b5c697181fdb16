/// The course: every lesson, in order. A lesson's number is its place here (from 1).
public enum Course {
    /// A fresh value of every lesson, in course order; the sandbox is the last.
    public static func lessons() -> [any Lesson] {
        [
            WordsAsVectorsLesson(), FeaturesLesson(), DotProductLesson(), CosineLesson(), ScaledDotLesson(),
            SimilarityTableLesson(), WeightedAverageLesson(), SoftmaxLesson(), AttentionPullsLesson(),
            QueriesAndKeysLesson(), ValuesLesson(), MultiHeadLesson(), LearningEmbeddingsLesson(),
            SandboxLesson(),
        ]
    }

    /// Titles and step texts, read once (for `lessons`, the title bar and validation).
    public static let scripts: [LessonScript] = lessons().map(\.script)

    public static var count: Int { scripts.count }

    /// The lesson that is free exploration with every panel: the last.
    public static var sandbox: Int { count }
}
